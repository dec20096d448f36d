import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../../machines/actor';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  username!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  role!: Exclude<Role, 'system'>;

  /** SHA-256 of the bearer token: tokens are long random strings, so a fast hash is enough. */
  @Column({ name: 'token_hash', type: 'text', unique: true })
  tokenHash!: string;

  /**
   * scrypt hash of the password for browser sign-in (src/auth/password.ts); null: the account signs
   * in with its token only. Not selected unless asked for, so no view of a user carries it.
   */
  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash!: string | null;

  /** The organisation or location the user belongs to (its primary team receives their tickets). */
  @Column({ type: 'text', nullable: true })
  organisation!: string | null;

  /** The language mail to the user is written in (en, da); REQUIREMENTS 11. */
  @Column({ type: 'text', default: 'en' })
  language!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

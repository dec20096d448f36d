import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A browser's sign-in (POST /auth/sign-in), found by the cookie's secret. */
@Entity('sessions')
export class SessionEntity {
  /** SHA-256 of the secret in the `itsm_session` cookie: a leaked table opens no session. */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** The synchronizer token a cookie-authenticated write sends back in X-CSRF-Token. */
  @Column({ name: 'csrf_token', type: 'text' })
  csrfToken!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { STAFF_ROLES, type Role } from '../../machines/actor';
import { UserEntity } from './user.entity';

/** Owns `users`: what other modules ask of it. */
@Injectable()
export class UsersService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  /** Everyone holding a role (the owner of a CSI stage, the incident managers), in a stable order. */
  async idsWithRole(role: Role, tx?: EntityManager): Promise<string[]> {
    const rows = await (tx?.getRepository(UserEntity) ?? this.users).find({ where: { role: role as UserEntity['role'] }, select: { id: true }, order: { id: 'ASC' } });
    return rows.map((u) => u.id);
  }

  /** The IT staff, by display name: who may be a team member. */
  async staff(): Promise<Array<Pick<UserEntity, 'id' | 'username' | 'displayName' | 'role'>>> {
    return this.users.find({ where: { role: In([...STAFF_ROLES]) as never }, select: { id: true, username: true, displayName: true, role: true }, order: { displayName: 'ASC', id: 'ASC' } });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** The user a mail comes from (REQUIREMENTS 9: a university's users are in its directory). */
  async findByEmail(address: string): Promise<UserEntity | null> {
    return this.users.createQueryBuilder('u').where('lower(u.email) = :address', { address: address.toLowerCase() }).orderBy('u.created_at', 'ASC').getOne();
  }

  /** Whether this is a staff member's personal address (seed 000: mail to it gets the standard answer). */
  async isStaffAddress(address: string): Promise<boolean> {
    const found = await this.users
      .createQueryBuilder('u')
      .where('lower(u.email) = :address', { address: address.toLowerCase() })
      .andWhere('u.role IN (:...roles)', { roles: ['agent', 'dispatcher', 'incidentManager', 'admin'] })
      .getCount();
    return found > 0;
  }
}

/**
 * Who is asking on the campaign console: a LINE user (the same ID-token verification as
 * everyone), who is an operator because the `operators` table says so. OPERATOR_ADMINS names
 * admins, who are written into the table on their first request. Anyone else: 403.
 */
import { getConfig } from '../config.js';
import { findOperator } from '../db/operators.js';
import type { User } from '../db/users.js';
import type { OperatorRole } from '../domain/campaign-rules.js';
import { forbidden } from '../errors.js';
import { authenticateUser } from './authenticate-user.js';

export interface OperatorPrincipal {
  user: User;
  role: OperatorRole;
}

export async function authenticateOperator(request: Request): Promise<OperatorPrincipal> {
  const user = await authenticateUser(request);
  const role = await findOperator(user.id, getConfig().operatorAdmins.includes(user.id));
  if (!role) throw forbidden('not_an_operator', 'Only campaign operators may use the console.');
  return { user, role };
}

export function requireAdmin(operator: OperatorPrincipal, doing = 'manage operators'): void {
  if (operator.role !== 'admin') {
    throw forbidden('not_an_admin', `Only an admin may ${doing}.`);
  }
}

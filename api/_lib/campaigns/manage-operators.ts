/**
 * Admins add operators (or change their role) and remove them. An admin cannot remove or demote
 * themselves, so the console always keeps the admin who is using it; admins named in
 * OPERATOR_ADMINS come back as admins on their next request whatever the table says.
 */
import type { OperatorPrincipal } from '../auth/authenticate-operator.js';
import { requireAdmin } from '../auth/authenticate-operator.js';
import { deleteOperator, listOperators, upsertOperator, type Operator } from '../db/operators.js';
import type { OperatorRole } from '../domain/campaign-rules.js';
import { AppError, notFound } from '../errors.js';

export async function readOperators(by: OperatorPrincipal): Promise<Operator[]> {
  requireAdmin(by);
  return listOperators();
}

export async function addOperator(
  by: OperatorPrincipal,
  lineUserId: string,
  role: OperatorRole,
): Promise<Operator> {
  requireAdmin(by);
  if (lineUserId === by.user.id && role !== 'admin') throw notYourself();
  return upsertOperator(lineUserId, role, by.user.id);
}

export async function removeOperator(by: OperatorPrincipal, lineUserId: string): Promise<void> {
  requireAdmin(by);
  if (lineUserId === by.user.id) throw notYourself();
  if (!(await deleteOperator(lineUserId))) {
    throw notFound('operator_not_found', 'No such operator.');
  }
}

function notYourself(): AppError {
  return new AppError('cannot_change_yourself', 409, 'Another admin must change your own role.');
}

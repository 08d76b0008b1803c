/**
 * What an operator does to campaigns: create one as a draft, change its settings while nothing is
 * dialled (draft or paused), read them, and move it through its lifecycle (start, pause, resume,
 * complete, cancel), which the engine applies in one statement; an action the state does not
 * allow is a 409 with the current state.
 */
import {
  findCampaign,
  insertCampaign,
  listCampaigns,
  updateCampaignSettings,
  type Campaign,
  type CampaignListEntry,
  type CampaignSettings,
} from '../db/campaigns.js';
import { listLeads, type Lead } from '../db/campaign-leads.js';
import type { CampaignAction } from '../domain/campaign-lifecycle.js';
import type { LeadState } from '../domain/lead-lifecycle.js';
import { AppError, notFound } from '../errors.js';
import { applyToCampaign } from './apply-to-campaign.js';

export async function createCampaign(
  settings: CampaignSettings,
  operatorId: string,
): Promise<Campaign> {
  return insertCampaign(settings, operatorId);
}

export async function getCampaign(id: string): Promise<Campaign> {
  const campaign = await findCampaign(id);
  if (!campaign) throw notFound('campaign_not_found', 'No such campaign.');
  return campaign;
}

export async function readCampaigns(): Promise<CampaignListEntry[]> {
  return listCampaigns();
}

/** A page of a campaign's leads (404 for no such campaign). */
export async function readLeads(
  id: string,
  page: { status?: LeadState; afterId: number; limit: number },
): Promise<Lead[]> {
  await getCampaign(id);
  return listLeads(id, page);
}

export async function changeCampaign(id: string, settings: CampaignSettings): Promise<Campaign> {
  const result = await updateCampaignSettings(id, settings);
  if (!result) throw notFound('campaign_not_found', 'No such campaign.');
  if (result.kind === 'not-editable') {
    const { status } = result.campaign;
    throw new AppError(
      'invalid_state',
      409,
      `Settings can change while the campaign is a draft or paused; it is ${status}.`,
      { details: { status } },
    );
  }
  return result.campaign;
}

export async function actOnCampaign(
  id: string,
  action: CampaignAction,
  operatorId: string,
): Promise<Campaign> {
  const result = await applyToCampaign({
    id,
    event: { type: action },
    origin: { source: 'user', data: { operator: operatorId } },
  });
  if (result.outcome === 'not-found') throw notFound('campaign_not_found', 'No such campaign.');
  if (result.outcome !== 'applied') {
    const { status } = result.record;
    const why =
      (action === 'start' || action === 'resume') && (status === 'draft' || status === 'paused')
        ? ': it has no lead left to call'
        : '';
    throw new AppError('invalid_state', 409, `Cannot ${action} a ${status} campaign${why}.`, {
      details: { status },
    });
  }
  return result.record;
}

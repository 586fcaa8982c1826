import { createHmac, timingSafeEqual } from 'node:crypto';
import { ErrorCode, HubError } from '@hub/common';
import { subsidiesSettings } from '../config';
import type { Facts } from './rule';

/**
 * An assessment (资格审核意见) is the eligibility verdict `eligibleSubsidies` gave for one
 * beneficiary and one policy version, on one date, with the facts it was drawn from: facts the
 * owning services supplied through federation. It goes back to the client signed, and comes in
 * again with a submission or a policy delivery, so those are judged on the owning services'
 * facts rather than on anything a client typed, without this service copying their tables.
 */
export interface Assessment {
  kind: 'PERSON' | 'EMPLOYER';
  beneficiaryId: string;
  regionCode: string;
  policyId: string;
  policyCode: string;
  version: number;
  /** The date the verdict is for: the application's date. */
  on: string;
  /** The conditions met: an assessment is issued only for an eligible verdict. */
  met: string[];
  facts: Facts;
  /** When it was signed (ms since the epoch). */
  issuedAt: number;
}

/** How long an assessment may be used: it reflects facts as they stood when it was made. */
export const ASSESSMENT_TTL_MS = 24 * 60 * 60 * 1000;

const key = () => createHmac('sha256', subsidiesSettings().HUB_GATEWAY_SECRET).update('subsidy-assessment/v1').digest();
const mac = (body: string) => createHmac('sha256', key()).update(body).digest();

export function signAssessment(assessment: Assessment): string {
  const body = Buffer.from(JSON.stringify(assessment)).toString('base64url');
  return `${body}.${mac(body).toString('base64url')}`;
}

const refused = (message: string) => new HubError(ErrorCode.BAD_USER_INPUT, message, { field: 'assessment' });

/** The assessment, if it is one this service signed (fresh or not). */
export function openAssessment(token: string): Assessment {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) throw refused('That is not an eligibility assessment; check the person\'s or employer\'s eligibility and use the assessment it gives.');
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw refused('This eligibility assessment was altered or was not issued by the hub; check eligibility again.');
  }
  return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Assessment;
}

/** Refuses an assessment made more than a day ago: the facts may have changed since. */
export function requireFresh(assessment: Assessment, now = Date.now()): Assessment {
  if (now - assessment.issuedAt > ASSESSMENT_TTL_MS) {
    throw new HubError(ErrorCode.CONFLICT, 'This eligibility assessment is more than a day old; check eligibility again, the facts may have changed.', { field: 'assessment' });
  }
  return assessment;
}

/** The assessment, if it is one this service signed and it is still fresh. */
export const readAssessment = (token: string) => requireFresh(openAssessment(token));

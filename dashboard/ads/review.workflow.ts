import { ReviewStatus } from '../../store/index.js';

/**
 * The review workflow. An open ad (new, in review, escalated) may move to any other status — the
 * usual path is new → in_review → escalated → confirmed | dismissed, but an obvious case may be
 * dismissed or escalated straight away. A closed ad (confirmed, dismissed) can only be reopened
 * to in_review, so a decision is never silently replaced by another.
 */
export const reviewTransitions: Record<ReviewStatus, readonly ReviewStatus[]> = {
  new: ['in_review', 'escalated', 'confirmed', 'dismissed'],
  in_review: ['new', 'escalated', 'confirmed', 'dismissed'],
  escalated: ['in_review', 'confirmed', 'dismissed'],
  confirmed: ['in_review'],
  dismissed: ['in_review'],
};

/** The statuses from which `to` may be reached. */
export function statusesLeadingTo(to: ReviewStatus): ReviewStatus[] {
  return Object.values(ReviewStatus).filter((from) => reviewTransitions[from].includes(to));
}

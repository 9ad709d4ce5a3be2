import type { ContactView } from '../contracts/neighbours';
import type { NeighbourContactState } from '../enums';

/**
 * How a contact reads from one side (docs/decisions/024-neighbours.md): the requester is never
 * told of a refusal, a block or a departure by name; all of them read 对方暂时不方便.
 */
export interface ContactSide {
  state: NeighbourContactState;
  /** The viewer asked (as opposed to being asked). */
  iAsked: boolean;
  /** The viewer closed it (blocked the other, left). */
  iClosed: boolean;
}

export function contactView({ state, iAsked, iClosed }: ContactSide): ContactView {
  switch (state) {
    case 'pending':
      return iAsked ? 'waiting' : 'to_answer';
    case 'accepted':
      return 'accepted';
    case 'declined':
      return iAsked ? 'unavailable' : 'declined';
    case 'withdrawn':
      return iAsked ? 'withdrawn' : 'ended';
    case 'closed':
      return iClosed ? 'ended' : 'unavailable';
  }
}

/** The thread takes new messages only while accepted. */
export const canWrite = (state: NeighbourContactState) => state === 'accepted';

/** Plain words for each view, for lists and the thread's banner. */
export const contactViewLabels: Record<ContactView, string> = {
  waiting: '已发送，等对方回复',
  to_answer: '请您回复',
  accepted: '已同意，可以聊天',
  unavailable: '对方暂时不方便',
  declined: '您已婉拒',
  withdrawn: '您已撤回',
  ended: '已结束',
};

import { MembersOnly } from '../board/MembersOnly';
import { PageShell } from '../PageShell';

/** What a 找邻居 page shows someone who is not an approved member of the community. */
export function NeighboursOutside(props: {
  pageId: string;
  title: string;
  communityId: number | null;
  signedIn: boolean;
}) {
  return (
    <PageShell id={props.pageId} title={props.title}>
      <MembersOnly
        id="neighbours-members-only"
        communityId={props.communityId}
        signedIn={props.signedIn}
        what="找邻居"
      />
    </PageShell>
  );
}

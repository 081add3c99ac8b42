import { Tag, type TagColour } from '../../../platform/ui/components/tag.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import type { RequestStatus } from '../privacy.tables.ts';

const COLOURS: Record<RequestStatus, TagColour> = { received: 'blue', in_progress: 'yellow', fulfilled: 'green', refused: 'red', closed: 'green' };

/** A request's status as a tag with its text (never colour alone). */
export function RequestStatusTag({ ctx, status }: { ctx: PageContext; status: RequestStatus }) {
  return <Tag colour={COLOURS[status]} text={ctx.t(`privacy.status.${status}`)} />;
}

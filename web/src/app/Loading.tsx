import { Paragraph } from '@rijkshuisstijl-community/components-react';

export function Loading({ what }: { what: string }) {
  return (
    <Paragraph role="status" aria-live="polite">
      Bezig met laden van {what}…
    </Paragraph>
  );
}

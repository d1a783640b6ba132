import { Alert, Paragraph } from '@rijkshuisstijl-community/components-react';
import { describeError } from './errors';

/** Shows an error in Dutch words, as an alert read out by screen readers. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const messages = describeError(error);
  return (
    <Alert type="error" role="alert">
      {title ? <Paragraph><strong>{title}</strong></Paragraph> : null}
      {messages.map((message) => (
        <Paragraph key={message}>{message}</Paragraph>
      ))}
    </Alert>
  );
}

import { Link } from '@rijkshuisstijl-community/components-react';
import type { ReactNode } from 'react';
import { useHref, useLinkClickHandler } from 'react-router';

/** The design system's link, navigating inside the app without a reload. */
export function AppLink({ to, children, className, ...rest }: { to: string; children: ReactNode; className?: string; 'aria-label'?: string; 'aria-current'?: 'page' }) {
  const href = useHref(to);
  const onClick = useLinkClickHandler(to);
  return (
    <Link href={href} onClick={onClick as never} className={className} {...rest}>
      {children}
    </Link>
  );
}

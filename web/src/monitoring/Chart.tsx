import { Suspense, lazy, useEffect, useRef, useState } from 'react';

/** An ECharts option (kept loose here so that ECharts itself loads only with the first chart). */
export type ChartOption = Record<string, unknown>;
export type ChartProps = { option: ChartOption; description: string; height?: number };

// ECharts is the largest part of the dashboard (about 180 kB compressed): the figures and tables show first, and a
// chart (with ECharts, the first time) loads only when it comes near the screen.
const EChart = lazy(() => import('./EChart'));

export function Chart(props: ChartProps) {
  const placeholder = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = placeholder.current;
    if (near || !element) return;
    if (typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setNear(true);
    }, { rootMargin: '200px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  const empty = <div ref={placeholder} className="chart" style={{ height: props.height ?? 320 }} aria-hidden="true" />;
  if (!near) return empty;
  return (
    <Suspense fallback={empty}>
      <EChart {...props} />
    </Suspense>
  );
}

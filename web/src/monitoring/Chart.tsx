import { Suspense, lazy } from 'react';

/** An ECharts option (kept loose here so that ECharts itself loads only with the first chart). */
export type ChartOption = Record<string, unknown>;
export type ChartProps = { option: ChartOption; description: string; height?: number };

// ECharts is the largest part of the dashboard: the figures and tables show first, the charts follow.
const EChart = lazy(() => import('./EChart'));

export function Chart(props: ChartProps) {
  return (
    <Suspense fallback={<div className="chart" style={{ height: props.height ?? 320 }} aria-hidden="true" />}>
      <EChart {...props} />
    </Suspense>
  );
}

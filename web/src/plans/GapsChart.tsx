import { useMemo } from 'react';
import { formatNumber, formatShortDate, opvangtypesLabel } from '../app/format';
import { Chart, type ChartOption } from '../monitoring/Chart';
import type { Plan } from './queries';

/**
 * The plan against the opgave per opvangtype and due date as bars: opgave, planned (at least and at most) and
 * realised. Decoration for sighted readers: the table beside it holds the same figures.
 */
export function GapsChart({ gaps }: { gaps: Plan['gaps'] }) {
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => formatNumber(typeof value === 'number' ? value : null) },
      legend: { top: 0, itemGap: 24 },
      grid: { left: 64, right: 16, top: 40, bottom: 72 },
      xAxis: { type: 'category', data: gaps.map((gap) => `${opvangtypesLabel(gap.opvangtypes)}\n${formatShortDate(gap.dueDate)}`) },
      yAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatNumber(value) } },
      series: [
        { name: 'Opgave', type: 'bar', data: gaps.map((gap) => gap.opgave), itemStyle: { color: '#154273' } },
        { name: 'Gepland (minimum)', type: 'bar', data: gaps.map((gap) => gap.planned.min), itemStyle: { color: '#e17000' } },
        { name: 'Gepland (maximum)', type: 'bar', data: gaps.map((gap) => gap.planned.max), itemStyle: { color: '#f9b46b' } },
        { name: 'Gerealiseerd', type: 'bar', data: gaps.map((gap) => gap.realised), itemStyle: { color: '#39870c' } },
      ],
    }),
    [gaps],
  );
  return <Chart option={option} description="Staafdiagram van de opgave, de geplande plaatsen (minimum en maximum) en de gerealiseerde plaatsen per opvangtype en peildatum. Dezelfde cijfers staan in de tabel hieronder." />;
}

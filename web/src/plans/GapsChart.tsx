import { useMemo } from 'react';
import { formatNumber, formatShortDate, opvangtypesLabel } from '../app/format';
import { Chart, type ChartOption } from '../monitoring/Chart';
import type { Plan } from './queries';

/**
 * The plan against the opgave per opvangtype and due date as bars: opgave, planned (at least and at most) and
 * realised. Decoration for sighted readers: the table beside it holds the same figures.
 *
 * The bars lie horizontally, one group per opvangtype and due date, so that each group's name ("Elk opvangtype,
 * 31 dec 2020") has the width it needs on its own line instead of sharing a narrow column with its neighbours, where
 * names ran into each other; the chart grows with the number of groups.
 */
export function GapsChart({ gaps }: { gaps: Plan['gaps'] }) {
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value: unknown) => formatNumber(typeof value === 'number' ? value : null) },
      legend: { top: 0, left: 0, itemGap: 16 },
      grid: { left: 8, right: 24, top: 72, bottom: 8, containLabel: true },
      yAxis: {
        type: 'category',
        inverse: true,
        data: gaps.map((gap) => `${opvangtypesLabel(gap.opvangtypes)}\n${formatShortDate(gap.dueDate)}`),
        axisLabel: { width: 130, overflow: 'break', lineHeight: 16 },
      },
      xAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatNumber(value), hideOverlap: true } },
      series: [
        { name: 'Opgave', type: 'bar', data: gaps.map((gap) => gap.opgave), itemStyle: { color: '#154273' } },
        { name: 'Gepland (minimum)', type: 'bar', data: gaps.map((gap) => gap.planned.min), itemStyle: { color: '#e17000' } },
        { name: 'Gepland (maximum)', type: 'bar', data: gaps.map((gap) => gap.planned.max), itemStyle: { color: '#f9b46b' } },
        { name: 'Gerealiseerd', type: 'bar', data: gaps.map((gap) => gap.realised), itemStyle: { color: '#39870c' } },
      ],
    }),
    [gaps],
  );
  return (
    <Chart
      option={option}
      height={Math.max(240, 96 + gaps.length * 72)}
      description="Staafdiagram van de opgave, de geplande plaatsen (minimum en maximum) en de gerealiseerde plaatsen per opvangtype en peildatum. Dezelfde cijfers staan in de tabel hieronder."
    />
  );
}

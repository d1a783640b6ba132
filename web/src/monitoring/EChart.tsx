import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ChartProps } from './Chart';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);


/**
 * An ECharts chart (SVG). It is decoration for sighted readers: the description names what it shows and a
 * table beside it carries the same figures, so the chart itself is one image with a text alternative.
 */
export default function EChart({ option, description, height = 320 }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg', locale: 'EN' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // ECharts measures text with the font it is given: 'inherit' measures in a default font and draws in the page's,
    // so legend labels ran into the next swatch. The page's own font, named, measures what is drawn.
    const fontFamily = element.current ? getComputedStyle(element.current).fontFamily : undefined;
    chart.current?.setOption({ animation: false, textStyle: { fontFamily: fontFamily || 'sans-serif' }, ...option }, true);
  }, [option]);

  return <div ref={element} role="img" aria-label={description} className="chart" style={{ height }} />;
}

import { badUserInput } from '../platform/errors.js';
import { addDays, today } from '../platform/dates.js';
import type { ExportRoute } from '../platform/module.js';
import { provinceCodeParam } from '../reference/index.js';
import { expiringAgreementsCsv, expiringCsv, overviewCsv } from './export.js';

const daysParam = (value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  if (!/^\d{1,5}$/.test(value)) throw badUserInput('within must be a whole number of days', 'within');
  return Number(value);
};

/** CSV for reports: the same service and policies as the GraphQL queries. */
export const monitoringExports: ExportRoute[] = [
  {
    name: 'national-overview',
    parameters: ['on', 'provinceCode'],
    produce: async ({ principal, services }, query) => {
      const overview = await services.monitoring.nationalOverview(principal, query.on ?? '2023-01-01', provinceCodeParam(query.provinceCode));
      // The verevening comes from huisvesting, as ProvinceOverview.shortTermDeduction does: one batch for all provinces.
      const peildata = services.huisvesting.createLoaders().peildataOfProvince;
      const verevening = await Promise.all(overview.provinces.map((p) => services.huisvesting.overviewVerevening(principal, p, peildata)));
      return overviewCsv(overview, new Map(overview.provinces.map((p, i) => [p.provinceCode, verevening[i] ?? null])));
    },
  },
  {
    name: 'expiring-agreements',
    parameters: ['within', 'from', 'provinceCode', 'per'],
    produce: async ({ principal, services }, query) => {
      if (query.per !== undefined && query.per !== 'agreement') throw badUserInput('per takes only the value agreement', 'per');
      const from = query.from ?? today();
      const within = daysParam(query.within, 365);
      const provinces = await services.monitoring.expiring(principal, within, from, provinceCodeParam(query.provinceCode));
      return query.per === 'agreement' ? expiringAgreementsCsv(provinces) : expiringCsv(provinces, { from, until: addDays(from, within) });
    },
  },
];

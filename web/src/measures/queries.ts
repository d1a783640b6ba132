import { graphql, type ResultOf } from '../app/graphql';
import { EVENT_KIND_NAMES } from '../activity/events';

const MeasureFields = graphql(`
  fragment MeasureFields on SupportMeasure {
    id paragraph theme title trekkers lrtIsTrekker budgetEuros budgetNote contact planning
    openToGemeenten applicationsOpenFrom applicationsOpenUntil applicationsOpen version updatedAt on overdue viewerActions
    standVanZaken { id asOf body createdAt createdByName }
    milestones { id dueOn kind description recordedOn doneOn done overdue }
  }
`);

/** The status table as it stood on a date, filtered as the page's address says. */
export const SupportMeasuresQuery = graphql(
  `
  query SupportMeasures($on: LocalDate, $theme: SupportMeasureTheme, $trekker: String, $overdue: Boolean) {
    supportMeasures(on: $on, theme: $theme, trekker: $trekker, overdue: $overdue) { ...MeasureFields }
  }
`,
  [MeasureFields],
);

export const SupportMeasureQuery = graphql(
  `
  query SupportMeasure($paragraph: String!) {
    supportMeasure(paragraph: $paragraph) { ...MeasureFields history { id asOf body createdAt createdByName } }
  }
`,
  [MeasureFields],
);

export const OpenRegelingenQuery = graphql(`
  query OpenRegelingen($on: LocalDate) {
    openRegelingen(on: $on) { id on paragraph title trekkers budgetEuros budgetNote applicationsOpen applicationsOpenFrom applicationsOpenUntil }
  }
`);

export const NationalOrganisationsQuery = graphql(`
  query MeasureTrekkers { nationalOrganisations { abbreviation name } }
`);

/** Every change to the table, by anyone: the pages read again. */
export const SupportMeasureActivity = graphql(`
  subscription SupportMeasureActivity { supportMeasureActivity { id kind subjectId actor { name } } }
`);

export const CreateSupportMeasureMutation = graphql(
  `
  mutation CreateSupportMeasure($input: CreateSupportMeasureInput!) { createSupportMeasure(input: $input) { ...MeasureFields } }
`,
  [MeasureFields],
);

export const UpdateSupportMeasureMutation = graphql(
  `
  mutation UpdateSupportMeasure($input: UpdateSupportMeasureInput!) { updateSupportMeasure(input: $input) { ...MeasureFields } }
`,
  [MeasureFields],
);

export const AddStandVanZakenMutation = graphql(
  `
  mutation AddStandVanZaken($input: AddStandVanZakenInput!) { addStandVanZaken(input: $input) { ...MeasureFields } }
`,
  [MeasureFields],
);

export const AddMilestoneMutation = graphql(
  `
  mutation AddMilestone($input: AddMilestoneInput!) { addMilestone(input: $input) { ...MeasureFields } }
`,
  [MeasureFields],
);

export const SetMilestoneDoneMutation = graphql(
  `
  mutation SetMilestoneDone($input: SetMilestoneDoneInput!) { setMilestoneDone(input: $input) { ...MeasureFields } }
`,
  [MeasureFields],
);

export { MeasureFields };
export type Measure = ResultOf<typeof MeasureFields>;
export type MeasureTheme = Measure['theme'];

/** The themes in the order of the status table, with its headings. */
export const THEMES: Record<MeasureTheme, string> = {
  HUISVESTING: 'Huisvesting',
  OPVANG_KORTE_TERMIJN: 'Opvang korte termijn',
  FLEXIBILISERING: 'Flexibilisering',
  INBURGERING: 'Inburgering',
  ONDERSTEUNING_PRTS: "Ondersteuning PRT's",
};

Object.assign(EVENT_KIND_NAMES, {
  SUPPORT_MEASURE_CREATED: 'Maatregel toegevoegd',
  SUPPORT_MEASURE_UPDATED: 'Maatregel gewijzigd',
  STAND_VAN_ZAKEN_ADDED: 'Stand van zaken toegevoegd',
  MILESTONE_ADDED: 'Mijlpaal toegevoegd',
  MILESTONE_DONE_CHANGED: 'Mijlpaal afgevinkt of heropend',
});

import { FormFieldTextInput, Heading, Paragraph, PrimaryActionButton, TableCell, TableRow } from '@rijkshuisstijl-community/components-react';
import { useForm } from 'react-hook-form';
import { useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { AppLink } from '../app/AppLink';
import { ErrorAlert } from '../app/ErrorAlert';
import { Loading } from '../app/Loading';
import { NotFound } from '../app/NotFound';
import { formatDateTime, formatNumber, isProvinceCode, planStatusName, provinceName } from '../app/format';
import { HeaderCell, ListTable } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import { applyServerFieldErrors } from '../app/forms';
import { CreatePlanMutation, EditAbilityQuery, ProvincePlansQuery } from './queries';

/** The plans of one province that the signed-in person may see (the API decides which), newest first. */
export function PlansPage() {
  const { code = '' } = useParams();
  const upper = code.toUpperCase();
  if (!isProvinceCode(upper)) return <NotFound />;
  return <PlansOfProvince key={upper} code={upper} />;
}

function PlansOfProvince({ code }: { code: string }) {
  const title = `Plannen van provincie ${provinceName(code)}`;
  usePageTitle(title);
  const [{ data, error, fetching }] = useQuery({ query: ProvincePlansQuery, variables: { code: code as never } });
  const plans = data?.province?.plans;
  return (
    <>
      <Heading level={1}>{title}</Heading>
      <Paragraph>
        <AppLink to={`/provincie/${code}`}>Terug naar het overzicht van {provinceName(code)}</AppLink>
      </Paragraph>
      <ErrorAlert error={error} />
      <CreatePlan code={code} />
      {fetching && !data ? <Loading what="de plannen" /> : null}
      {plans && plans.length === 0 ? <Paragraph>Er zijn geen plannen van {provinceName(code)} die u mag inzien.</Paragraph> : null}
      {plans && plans.length > 0 ? (
        <ListTable
          label="Tabel plannen"
          caption={<>Plannen van {provinceName(code)}, nieuwste eerst</>}
          columns={['Titel', 'Status', { label: 'Versie', numeric: true }, 'Laatst gewijzigd', 'Door']}
        >
          {plans.map((plan) => (
            <TableRow key={plan.id}>
              <HeaderCell scope="row">
                <AppLink to={`/plannen/${encodeURIComponent(plan.id)}`}>{plan.title}</AppLink>
              </HeaderCell>
              <TableCell>{planStatusName(plan.status)}</TableCell>
              <TableCell className="number">{formatNumber(plan.version)}</TableCell>
              <TableCell>{formatDateTime(plan.updatedAt)}</TableCell>
              <TableCell>{plan.updatedBy?.name ?? 'onbekend'}</TableCell>
            </TableRow>
          ))}
        </ListTable>
      ) : null}
    </>
  );
}

/** A new plan of the province, for those whose abilities allow editing its plans (the API decides). */
function CreatePlan({ code }: { code: string }) {
  const [viewer] = useQuery({ query: EditAbilityQuery });
  const [result, create] = useMutation(CreatePlanMutation);
  const navigate = useNavigate();
  const { register, handleSubmit, setError, formState } = useForm<{ title: string }>({ defaultValues: { title: '' } });
  const may = viewer.data?.viewer.abilities.some((a) => a.action === 'EDIT_PLANS' && (a.national || a.provinceCodes.includes(code as never)));
  if (!may) return null;
  const title = register('title', { validate: (value) => (value.trim() ? true : 'Geef het nieuwe plan een titel.') });
  const fieldError = formState.errors.title?.message;
  return (
    <form
      aria-labelledby="nieuw-plan"
      noValidate
      onSubmit={handleSubmit(async (values) => {
        const answer = await create({ input: { provinceCode: code as never, title: values.title.trim() } });
        if (answer.error) applyServerFieldErrors(answer.error, setError, (path) => path === 'title');
        else navigate(`/plannen/${encodeURIComponent(answer.data!.createProvincialPlan.id)}/bewerken`);
      })}
    >
      <Heading level={2} id="nieuw-plan">
        Nieuw plan
      </Heading>
      <div className="filters">
        <FormFieldTextInput
          label="Titel van het nieuwe plan"
          aria-describedby={undefined}
          name={title.name}
          inputRef={title.ref}
          onChange={title.onChange}
          onBlur={title.onBlur}
          invalid={Boolean(fieldError)}
          errorMessage={fieldError}
        />
        <PrimaryActionButton type="submit" disabled={formState.isSubmitting}>
          Plan aanmaken
        </PrimaryActionButton>
      </div>
      <ErrorAlert error={result.error} title="Het plan is niet aangemaakt." />
    </form>
  );
}

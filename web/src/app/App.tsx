import { Suspense, lazy, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { rememberReturnTo } from './auth';
import { OidcCallback, OidcSilent } from './OidcCallback';
import { GraphQLProvider, useToken } from './session';
import { Shell } from './Shell';
import { SignIn } from './SignIn';
import { Home } from './Home';
import { NotFound } from './NotFound';
import { Dashboard, RegionPage } from '../monitoring/Dashboard';
import { ProvincePage } from '../monitoring/ProvincePage';
import { Loading } from './Loading';
import { PlansPage } from '../plans/PlansPage';
import { PlanPage } from '../plans/PlanPage';
import { ActivityPage, ProvinceActivityPage } from '../activity/ActivityPage';
import { DiscussionPage } from '../comments/DiscussionPage';
import { PlanEditorPage } from '../plans/PlanEditor';
import { ProposalsPage } from '../proposals/ProposalsPage';
import { ProposalPage } from '../proposals/ProposalPage';
import { EditProposalPage, NewProposalPage } from '../proposals/ProposalForm';
import { InboxPage } from '../proposals/InboxPage';
import { AgreementsPage } from '../agreements/AgreementsPage';
import { AgreementPage } from '../agreements/AgreementPage';
import { NewAgreementPage } from '../agreements/NewAgreementPage';
import { CrisisnoodopvangPage } from '../agreements/CrisisnoodopvangPage';
import { OpgaveIndex, OpgavePage } from '../opgave/OpgavePage';
import { WaitingPlansPage } from '../opgave/WaitingPlansPage';
import { MembershipsPage } from '../people/MembershipsPage';
import { GemeenteHuisvestingPage } from '../huisvesting/GemeentePage';
import { NationalHuisvestingPage, ProvinceHuisvestingPage } from '../huisvesting/OverviewPages';
import { ProvinceSignalsPage, SignalsPage } from '../signals/SignalsPage';
import { SignalPage } from '../signals/SignalPage';
import { MeasuresPage } from '../measures/MeasuresPage';
import { MeasurePage } from '../measures/MeasurePage';
import { StatusTablePage } from '../measures/StatusTablePage';

// GraphiQL and its editor are large: only those who open the explorer load them.
const Explorer = lazy(() => import('../explorer/Explorer'));

/** Pages that need a signed-in person: without a token, go to sign-in and come back afterwards. */
function SignedIn({ children }: { children: (token: string) => ReactNode }) {
  const token = useToken();
  const location = useLocation();
  useEffect(() => {
    if (!token) rememberReturnTo(location.pathname + location.search);
  }, [token, location]);
  if (!token) return <Navigate to="/aanmelden" replace />;
  return <GraphQLProvider token={token}>{children(token)}</GraphQLProvider>;
}

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        {/* The OIDC provider returns here; the silent page runs in a hidden iframe and shows nothing. */}
        <Route path="/auth/callback" element={<OidcCallback />} />
        <Route path="/auth/silent" element={<OidcSilent />} />
        <Route path="/aanmelden" element={<Shell><SignIn /></Shell>} />
        <Route
          path="*"
          element={
            <SignedIn>
              {(token) => (
                <Shell signedIn>
                  <Routes>
                    <Route path="/" element={<Home />} />
                    <Route path="/dashboard" element={<Dashboard />} />
                    <Route path="/regio/:number" element={<RegionPage />} />
                    <Route path="/provincie/:code" element={<ProvincePage />} />
                    <Route path="/provincie/:code/plannen" element={<PlansPage />} />
                    <Route path="/plannen/:id" element={<PlanPage />} />
                    <Route path="/activiteit" element={<ActivityPage />} />
                    <Route path="/provincie/:code/activiteit" element={<ProvinceActivityPage />} />
                    <Route path="/reacties/:kind/:id" element={<DiscussionPage />} />
                    <Route path="/plannen/:id/bewerken" element={<PlanEditorPage />} />
                    <Route path="/voorstellen" element={<ProposalsPage />} />
                    <Route path="/voorstellen/nieuw" element={<NewProposalPage />} />
                    <Route path="/voorstellen/:id" element={<ProposalPage />} />
                    <Route path="/voorstellen/:id/wijzigen" element={<EditProposalPage />} />
                    <Route path="/inbox" element={<InboxPage />} />
                    <Route path="/overeenkomsten" element={<AgreementsPage />} />
                    <Route path="/overeenkomsten/nieuw" element={<NewAgreementPage />} />
                    <Route path="/overeenkomsten/:id" element={<AgreementPage />} />
                    <Route path="/crisisnoodopvang" element={<CrisisnoodopvangPage />} />
                    <Route path="/opgave" element={<OpgaveIndex />} />
                    <Route path="/opgave/:code" element={<OpgavePage />} />
                    <Route path="/ter-beoordeling" element={<WaitingPlansPage />} />
                    <Route path="/lidmaatschappen" element={<MembershipsPage />} />
                    <Route path="/huisvesting" element={<NationalHuisvestingPage />} />
                    <Route path="/huisvesting/provincie/:code" element={<ProvinceHuisvestingPage />} />
                    <Route path="/huisvesting/gemeente/:code" element={<GemeenteHuisvestingPage />} />
                    <Route path="/signalen" element={<SignalsPage />} />
                    <Route path="/provincie/:code/signalen" element={<ProvinceSignalsPage />} />
                    <Route path="/signalen/:id" element={<SignalPage />} />
                    <Route path="/maatregelen" element={<MeasuresPage />} />
                    <Route path="/maatregelen/statustabel" element={<StatusTablePage />} />
                    <Route path="/maatregelen/:paragraph" element={<MeasurePage />} />
                    <Route
                      path="/verkenner"
                      element={
                        <Suspense fallback={<Loading what="de verkenner" />}>
                          <Explorer token={token} />
                        </Suspense>
                      }
                    />
                    <Route path="*" element={<NotFound />} />
                  </Routes>
                </Shell>
              )}
            </SignedIn>
          }
        />
      </Routes>
    </BrowserRouter>
  );
}

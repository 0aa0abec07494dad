import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ADMIN_PATH } from '../features/admin/paths.ts';
import { AUDIT_PATH } from '../features/audit-console/paths.ts';
import { BACKOFFICE_PATH } from '../features/backoffice/paths.ts';
import { CLINICIAN_PATH } from '../features/clinician/paths.ts';
import { DATA_USAGE_PATH } from '../features/data-usage/paths.ts';
import {
  isApplicationsPath,
  matchApplyPath,
  PARKING_PERMIT_PATH,
  SERVICES_PATH,
} from '../features/eservices/paths.ts';
import { HEALTH_PATH } from '../features/health/paths.ts';
import { MAILBOX_PATH, matchMessagePath, OFFICE_MAILBOX_PATH } from '../features/mailbox/paths.ts';
import { NOTIFICATIONS_PATH } from '../features/notifications/paths.ts';
import { matchOrderPath, PAYMENTS_PATH } from '../features/payments/paths.ts';
import { PHARMACY_PATH } from '../features/pharmacy/paths.ts';
import { SIGNATURE_CHECK_PATH } from '../features/signing/paths.ts';
import { matchDossierPath, matchVerifyPath, VEHICLE_CHECK_PATH } from '../features/vehicle-dossier/paths.ts';
import { VERIFIER_PATH } from '../features/verifier/paths.ts';
import {
  WALLET_CALLBACK_PATH,
  WALLET_OFFER_PATH,
  WALLET_PATH,
  WALLET_PRESENT_PATH,
} from '../features/wallet/paths.ts';
import { WALLET_DESK_PATH } from '../features/wallet-desk/paths.ts';
import { WORKSPACE_PATH } from '../features/workspace/paths.ts';
import { forgetSavedAnswers } from '../shared/api/saved-answers.ts';
import { CallbackScreen } from '../shared/auth/CallbackScreen.tsx';
import { expireSession } from '../shared/auth/expire-session.ts';
import type { SessionStatus } from '../shared/auth/session.ts';
import { useSessionStatus } from '../shared/auth/session-store.ts';
import { ErrorBoundary } from '../shared/ui/ErrorBoundary.tsx';
import { LoadingIndicator } from '../shared/ui/LoadingIndicator.tsx';
import { usePathname } from './routing/router.ts';
import {
  AdminScreen,
  ApplicationsScreen,
  AuditConsoleScreen,
  BackofficeScreen,
  ClinicianScreen,
  DataUsageScreen,
  DossierScreen,
  HealthScreen,
  IssuanceCallbackScreen,
  MailboxScreen,
  MessageScreen,
  NotificationsScreen,
  OfferScreen,
  OfficeMailboxScreen,
  ParkingPermitScreen,
  PaymentsScreen,
  PayScreen,
  PharmacyScreen,
  PresentScreen,
  ProfileScreen,
  ServiceFormScreen,
  ServicesScreen,
  SignatureCheckScreen,
  VehicleCheckScreen,
  VerifierScreen,
  VerifyScreen,
  WalletDeskScreen,
  WalletScreen,
  WorkspaceScreen,
} from './screens.ts';
import { Footer } from './shell/Footer.tsx';
import { Header } from './shell/Header.tsx';
import { NotFoundScreen } from './shell/NotFoundScreen.tsx';
import { Redirect } from './shell/Redirect.tsx';
import { LandingRedirect, RoleGate } from './shell/RoleGate.tsx';
import { ScreenFailed } from './shell/ScreenFailed.tsx';
import { SignInScreen } from './shell/SignInScreen.tsx';
import './shell/shell.css';

const CALLBACK_PATH = '/callback';

export function App() {
  const { t } = useTranslation();
  const pathname = usePathname();
  const session = useSessionStatus();

  // An expired token (found on load, or reaching its expiry while open) ends the session with a
  // message. The callback is left alone: it is about to replace that token with a fresh one.
  useEffect(() => {
    if (session.kind === 'expired' && pathname !== CALLBACK_PATH) expireSession();
  }, [session.kind, pathname]);

  // Nobody signed in: nothing of anybody's stays saved for offline reading (a sign-out cut short
  // by leaving the page may have left some).
  useEffect(() => {
    if (session.kind === 'signed-out') void forgetSavedAnswers();
  }, [session.kind]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <Header signedIn={session.kind === 'active'} pathname={pathname} />
      <main id="main" tabIndex={-1} className="page-width site-main">
        <ErrorBoundary key={pathname} fallback={<ScreenFailed />}>
          {/* A screen's code arrives with its first showing (offline: from the service worker). */}
          <Suspense fallback={<LoadingIndicator label={t('shell.loadingScreen')} />}>
            <Screen pathname={pathname} session={session} />
          </Suspense>
        </ErrorBoundary>
      </main>
      <Footer />
    </>
  );
}

function Screen({ pathname, session }: { pathname: string; session: SessionStatus }) {
  if (pathname === CALLBACK_PATH) return <CallbackScreen />;
  // The effect above is about to end an expired session; render nothing for that instant.
  if (session.kind === 'expired') return null;
  switch (pathname) {
    case '/':
      return session.kind === 'active' ? <LandingRedirect /> : <SignInScreen />;
    case '/profile':
      return session.kind === 'active' ? <ProfileScreen /> : <Redirect to="/" />;
    case SERVICES_PATH:
      return session.kind === 'active' ? <ServicesScreen /> : <Redirect to="/" />;
    case ADMIN_PATH:
      return session.kind === 'active' ? (
        <RoleGate workspace={ADMIN_PATH}>
          <AdminScreen />
        </RoleGate>
      ) : (
        <Redirect to="/" />
      );
    case PARKING_PERMIT_PATH:
      return session.kind === 'active' ? <ParkingPermitScreen /> : <Redirect to="/" />;
    case DATA_USAGE_PATH:
      return session.kind === 'active' ? <DataUsageScreen /> : <Redirect to="/" />;
    case MAILBOX_PATH:
      return session.kind === 'active' ? <MailboxScreen /> : <Redirect to="/" />;
    case OFFICE_MAILBOX_PATH:
      return session.kind === 'active' ? <OfficeMailboxScreen /> : <Redirect to="/" />;
    case NOTIFICATIONS_PATH:
      return session.kind === 'active' ? <NotificationsScreen /> : <Redirect to="/" />;
    case PAYMENTS_PATH:
      return session.kind === 'active' ? <PaymentsScreen /> : <Redirect to="/" />;
    case HEALTH_PATH:
      return session.kind === 'active' ? <HealthScreen /> : <Redirect to="/" />;
    case CLINICIAN_PATH:
      return session.kind === 'active' ? (
        <RoleGate workspace={CLINICIAN_PATH}>
          <ClinicianScreen />
        </RoleGate>
      ) : (
        <Redirect to="/" />
      );
    case PHARMACY_PATH:
      return session.kind === 'active' ? (
        <RoleGate workspace={PHARMACY_PATH}>
          <PharmacyScreen />
        </RoleGate>
      ) : (
        <Redirect to="/" />
      );
    case WORKSPACE_PATH:
      return session.kind === 'active' ? (
        <RoleGate workspace={WORKSPACE_PATH}>
          <WorkspaceScreen />
        </RoleGate>
      ) : (
        <Redirect to="/" />
      );
    case VERIFIER_PATH:
      return session.kind === 'active' ? (
        <RoleGate workspace={VERIFIER_PATH}>
          <VerifierScreen />
        </RoleGate>
      ) : (
        <Redirect to="/" />
      );
    case WALLET_DESK_PATH:
      return session.kind === 'active' ? (
        <RoleGate workspace={WALLET_DESK_PATH}>
          <WalletDeskScreen />
        </RoleGate>
      ) : (
        <Redirect to="/" />
      );
    case BACKOFFICE_PATH:
      return session.kind === 'active' ? (
        <RoleGate workspace={BACKOFFICE_PATH}>
          <BackofficeScreen />
        </RoleGate>
      ) : (
        <Redirect to="/" />
      );
    case AUDIT_PATH:
      return session.kind === 'active' ? (
        <RoleGate workspace={AUDIT_PATH}>
          <AuditConsoleScreen />
        </RoleGate>
      ) : (
        <Redirect to="/" />
      );
    // Public: anyone may check a vehicle with a second fact, and anyone may check a report.
    case VEHICLE_CHECK_PATH:
      return <VehicleCheckScreen />;
    // Public: anyone may check a document Civitas signed or sealed.
    case SIGNATURE_CHECK_PATH:
      return <SignatureCheckScreen />;
    // The wallet belongs to the device: it opens with its own PIN, signed in or not.
    case WALLET_PATH:
      return <WalletScreen />;
    case WALLET_OFFER_PATH:
      return <OfferScreen />;
    case WALLET_PRESENT_PATH:
      return <PresentScreen />;
    case WALLET_CALLBACK_PATH:
      return <IssuanceCallbackScreen />;
  }
  if (isApplicationsPath(pathname))
    return session.kind === 'active' ? <ApplicationsScreen /> : <Redirect to="/" />;
  const apply = matchApplyPath(pathname);
  if (apply) return session.kind === 'active' ? <ServiceFormScreen code={apply.code} /> : <Redirect to="/" />;
  const verify = matchVerifyPath(pathname);
  if (verify) return <VerifyScreen reference={verify.reference} />;
  const message = matchMessagePath(pathname);
  if (message) return session.kind === 'active' ? <MessageScreen id={message.id} /> : <Redirect to="/" />;
  const order = matchOrderPath(pathname);
  if (order) return session.kind === 'active' ? <PayScreen orderId={order.orderId} /> : <Redirect to="/" />;
  const dossier = matchDossierPath(pathname);
  if (dossier) return session.kind === 'active' ? <DossierScreen vin={dossier.vin} /> : <Redirect to="/" />;
  return <NotFoundScreen />;
}

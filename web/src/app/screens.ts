/**
 * Every feature's screen, loaded when it is first shown: a citizen opening the wallet downloads
 * neither the doctor's workspace nor the verifier. The shell (header, sign-in, the callback, the
 * screens for "not found" and "not for your role") stays in the first download. The service worker
 * still precaches every chunk, so a screen once installed opens offline too.
 */
import { lazy } from 'react';

export const ProfileScreen = lazy(() =>
  import('../features/profile/ProfileScreen.tsx').then((module) => ({ default: module.ProfileScreen })),
);
export const ServicesScreen = lazy(() =>
  import('../features/eservices/ServicesScreen.tsx').then((module) => ({ default: module.ServicesScreen })),
);
export const ParkingPermitScreen = lazy(() =>
  import('../features/eservices/ParkingPermitScreen.tsx').then((module) => ({
    default: module.ParkingPermitScreen,
  })),
);
export const ServiceFormScreen = lazy(() =>
  import('../features/eservices/ServiceFormScreen.tsx').then((module) => ({
    default: module.ServiceFormScreen,
  })),
);
export const BackofficeScreen = lazy(() =>
  import('../features/backoffice/BackofficeScreen.tsx').then((module) => ({
    default: module.BackofficeScreen,
  })),
);
export const ApplicationsScreen = lazy(() =>
  import('../features/eservices/ApplicationsScreen.tsx').then((module) => ({
    default: module.ApplicationsScreen,
  })),
);
export const DataUsageScreen = lazy(() =>
  import('../features/data-usage/DataUsageScreen.tsx').then((module) => ({
    default: module.DataUsageScreen,
  })),
);
export const HealthScreen = lazy(() =>
  import('../features/health/HealthScreen.tsx').then((module) => ({ default: module.HealthScreen })),
);
export const ClinicianScreen = lazy(() =>
  import('../features/clinician/ClinicianScreen.tsx').then((module) => ({ default: module.ClinicianScreen })),
);
export const PharmacyScreen = lazy(() =>
  import('../features/pharmacy/PharmacyScreen.tsx').then((module) => ({ default: module.PharmacyScreen })),
);
export const WorkspaceScreen = lazy(() =>
  import('../features/workspace/WorkspaceScreen.tsx').then((module) => ({ default: module.WorkspaceScreen })),
);
export const VerifierScreen = lazy(() =>
  import('../features/verifier/VerifierScreen.tsx').then((module) => ({ default: module.VerifierScreen })),
);
export const WalletDeskScreen = lazy(() =>
  import('../features/wallet-desk/WalletDeskScreen.tsx').then((module) => ({
    default: module.WalletDeskScreen,
  })),
);
export const AdminScreen = lazy(() =>
  import('../features/admin/AdminScreen.tsx').then((module) => ({ default: module.AdminScreen })),
);
export const AuditConsoleScreen = lazy(() =>
  import('../features/audit-console/AuditConsoleScreen.tsx').then((module) => ({
    default: module.AuditConsoleScreen,
  })),
);
export const VehicleCheckScreen = lazy(() =>
  import('../features/vehicle-dossier/VehicleCheckScreen.tsx').then((module) => ({
    default: module.VehicleCheckScreen,
  })),
);
export const VerifyScreen = lazy(() =>
  import('../features/vehicle-dossier/VerifyScreen.tsx').then((module) => ({ default: module.VerifyScreen })),
);
export const DossierScreen = lazy(() =>
  import('../features/vehicle-dossier/DossierScreen.tsx').then((module) => ({
    default: module.DossierScreen,
  })),
);
export const WalletScreen = lazy(() =>
  import('../features/wallet/WalletScreen.tsx').then((module) => ({ default: module.WalletScreen })),
);
export const OfferScreen = lazy(() =>
  import('../features/wallet/OfferScreen.tsx').then((module) => ({ default: module.OfferScreen })),
);
export const PresentScreen = lazy(() =>
  import('../features/wallet/PresentScreen.tsx').then((module) => ({ default: module.PresentScreen })),
);
export const IssuanceCallbackScreen = lazy(() =>
  import('../features/wallet/IssuanceCallbackScreen.tsx').then((module) => ({
    default: module.IssuanceCallbackScreen,
  })),
);
export const MailboxScreen = lazy(() =>
  import('../features/mailbox/MailboxScreen.tsx').then((module) => ({ default: module.MailboxScreen })),
);
export const MessageScreen = lazy(() =>
  import('../features/mailbox/MessageScreen.tsx').then((module) => ({ default: module.MessageScreen })),
);
export const NotificationsScreen = lazy(() =>
  import('../features/notifications/NotificationsScreen.tsx').then((module) => ({
    default: module.NotificationsScreen,
  })),
);
export const PaymentsScreen = lazy(() =>
  import('../features/payments/PaymentsScreen.tsx').then((module) => ({ default: module.PaymentsScreen })),
);
export const PayScreen = lazy(() =>
  import('../features/payments/PayScreen.tsx').then((module) => ({ default: module.PayScreen })),
);
export const OfficeMailboxScreen = lazy(() =>
  import('../features/mailbox/OfficeMailboxScreen.tsx').then((module) => ({
    default: module.OfficeMailboxScreen,
  })),
);
export const SignatureCheckScreen = lazy(() =>
  import('../features/signing/SignatureCheckScreen.tsx').then((module) => ({
    default: module.SignatureCheckScreen,
  })),
);

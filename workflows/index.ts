// The worker's workflow bundle entry: every workflow Relance registers.
export { debtDunning } from './debt.workflow';
export { arrearsDetection } from './arrears-detection.workflow';
export { landlordStatements } from './landlord-statements.workflow';
export { dataRetention } from './data-retention.workflow';

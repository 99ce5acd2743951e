// The worker's workflow bundle entry: every workflow Relance registers.
export { wiringCheck } from './wiring-check.workflow';
export { debtDunning } from './debt.workflow';
export { arrearsDetection } from './arrears-detection.workflow';

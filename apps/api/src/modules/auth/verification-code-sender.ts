/**
 * The delivery port for one-time codes (SMS). No provider is wired in yet: the token resolves to null, and
 * registration falls back to staff approval for phones that belong to an existing volunteer record. An SMS
 * adapter implements this interface and is provided under VERIFICATION_CODE_SENDER (tests inject a double that
 * records the codes).
 */
export interface VerificationCodeSender {
  /** Deliver `code` to `phone`; reject when delivery failed. */
  send(phone: string, code: string, purpose: 'register'): Promise<void>;
}

export const VERIFICATION_CODE_SENDER = Symbol('VERIFICATION_CODE_SENDER');

/** Values the link verbs share, offered by shell completion (the services check them). */
export const SEND_CHANNELS = ['email', 'sms', 'email,sms', 'none'] as const;
export const RESEND_CHANNELS = ['email', 'sms', 'email,sms'] as const;

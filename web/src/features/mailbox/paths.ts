export const MAILBOX_PATH = '/mailbox';
/** An administration's mailbox, for its officials. */
export const OFFICE_MAILBOX_PATH = '/mailbox/office';

const MESSAGE = /^\/mailbox\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** `/mailbox/<message id>`: one message. */
export function matchMessagePath(pathname: string): { id: string } | null {
  const id = MESSAGE.exec(pathname)?.[1];
  return id ? { id } : null;
}

export const messagePath = (id: string) => `${MAILBOX_PATH}/${id}`;

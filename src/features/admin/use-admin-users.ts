import { useCallback, useEffect, useState } from 'react';
import { codedError, type CodedError, type SiteUser } from '../../schema/index.js';
import { CodedRequestError, refreshSiteDirectory } from '../session/index.js';
import { changeUser, listUsers, type UserChanges } from './admin-api.js';

export function asCoded(error: unknown): CodedError {
  return error instanceof CodedRequestError ? error.coded : codedError('SERVER_ERROR');
}

/** The site's users as the server has them now; every change reloads the list and the directory. */
export function useAdminUsers(online: boolean) {
  const [users, setUsers] = useState<SiteUser[] | null>(null);
  const [refusal, setRefusal] = useState<CodedError | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((current) => current + 1), []);

  useEffect(() => {
    if (!online) return;
    let current = true;
    listUsers().then(
      (loaded) => {
        if (!current) return;
        setUsers(loaded);
        setRefusal(null);
      },
      (error: unknown) => current && setRefusal(asCoded(error)),
    );
    // Names and roles elsewhere on the tablet follow the admin's changes.
    void refreshSiteDirectory().catch(() => undefined);
    return () => {
      current = false;
    };
  }, [online, version]);

  const change = useCallback(
    async (username: string, changes: UserChanges) => {
      try {
        await changeUser(username, changes);
        reload();
      } catch (error) {
        setRefusal(asCoded(error));
      }
    },
    [reload],
  );

  return { users, refusal, reload, change };
}

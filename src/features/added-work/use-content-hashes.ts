import { useEffect, useState } from 'react';
import { addedWorkContentHash, type AddedWork } from '../../schema/index.js';

/**
 * The content hash of each added work as it is now, by id: what the customer
 * is asked to approve, and what decides whether an approval still holds.
 * Missing while being computed.
 */
export function useContentHashes(works: readonly AddedWork[]): Map<string, string> {
  const [hashes, setHashes] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    let current = true;
    void Promise.all(
      works.map(async (work) => [work.id, await addedWorkContentHash(work)] as const),
    ).then((entries) => current && setHashes(new Map(entries)));
    return () => {
      current = false;
    };
  }, [works]);
  return hashes;
}

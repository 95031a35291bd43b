import { useEffect, useMemo, useState } from 'react';
import {
  jobContent,
  jobContentHash,
  type AddedWork,
  type Job,
  type JobContent,
  type RepairOrder,
} from '../../schema/index.js';

export interface HashedJobContent {
  content: JobContent;
  contentHash: string;
}

/**
 * The job content a sign-off would cover now and its SHA-256, so the Sign
 * button can be judged by the same rule the write uses. Null while hashing.
 */
export function useJobContent(
  order: RepairOrder | null,
  job: Job | null,
  addedWork: readonly AddedWork[],
): HashedJobContent | null {
  const content = useMemo(
    () => (order && job ? jobContent({ order, job, addedWork }) : null),
    [order, job, addedWork],
  );
  const [hashed, setHashed] = useState<HashedJobContent | null>(null);
  useEffect(() => {
    if (!content) return;
    let current = true;
    void jobContentHash(content).then((contentHash) => {
      if (current) setHashed({ content, contentHash });
    });
    return () => {
      current = false;
    };
  }, [content]);
  return hashed && hashed.content === content ? hashed : null;
}

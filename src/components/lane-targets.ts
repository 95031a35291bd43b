/**
 * Touch targets for the lane and the bay, where the tablet is used standing,
 * often with gloves: nothing tappable under 44 px, and the primary actions
 * of a step 56 px, as on the technician's screens. Mantine `styles` for the
 * controls that are smaller by default.
 */
export const MIN_TARGET_PX = 44;
export const LANE_TARGET_PX = 56;

/** A SegmentedControl whose answers are lane actions (checklist, damage size, valuables). */
export const segmentTargetStyles = {
  label: {
    minHeight: LANE_TARGET_PX,
    minWidth: 88,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
  },
} as const;

/** A Checkbox whose whole row, words included, is the target. */
export const checkboxTargetStyles = {
  body: { alignItems: 'center', minHeight: LANE_TARGET_PX },
  labelWrapper: { flex: 1 },
  label: { minHeight: LANE_TARGET_PX, display: 'flex', alignItems: 'center', cursor: 'pointer' },
} as const;

/** A Chip as tall as a lane action. */
export const chipTargetStyles = {
  label: { height: LANE_TARGET_PX, paddingInline: 20, fontSize: 'var(--mantine-font-size-md)' },
} as const;

import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../schema/index.js';

/** A role, by its name in the user's language. */
export function RoleSelect(
  props: Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
    value: Role;
    onChange: (role: Role) => void;
  },
) {
  const { t } = useTranslation();
  const { value, onChange, ...rest } = props;
  return (
    <Select
      {...rest}
      data={ROLES.map((role) => ({ value: role, label: t(`session.roles.${role}`) }))}
      value={value}
      allowDeselect={false}
      onChange={(next) => next && onChange(next as Role)}
    />
  );
}

/**
 * The order's customer and vehicle as a form that saves each edit at once:
 * each field is checked by the shared rules and, when valid, written to the order. Changes that come
 * from another tablet update the fields the user is not editing.
 */
import { useEffect, useRef } from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import {
  checkPhone,
  checkVin,
  VIN_ALLOWED,
  type ErrorCode,
  type RepairOrder,
} from '../../schema/index.js';
import type { RepairOrderEdit } from './data.js';

export interface OrderFormValues {
  customerName: string;
  customerPhone: string;
  plate: string;
  vin: string;
  model: string;
  colour: string;
}

export type OrderField = keyof OrderFormValues;

export function formValuesOf(order: RepairOrder): OrderFormValues {
  return {
    customerName: order.customer.name,
    customerPhone: order.customer.phone,
    plate: order.vehicle.plate,
    vin: order.vehicle.vin,
    model: order.vehicle.model,
    colour: order.vehicle.colour,
  };
}

/** The rule a field must pass before it is saved; null means it may be saved. */
export function fieldError(field: OrderField, values: OrderFormValues): ErrorCode | null {
  if (field === 'customerPhone') return checkPhone(values.customerPhone);
  if (field === 'vin') return VIN_ALLOWED.test(values.vin) ? null : 'VIN_CHARACTERS';
  return null;
}

/** A half-typed VIN is a draft; the length and check digit are shown as hints, not refusals. */
export function vinHint(vin: string): ErrorCode | null {
  if (vin.length === 0 || !VIN_ALLOWED.test(vin)) return null;
  const check = checkVin(vin);
  return check.errors[0] ?? check.warnings[0] ?? null;
}

export function editFor(field: OrderField, values: OrderFormValues): RepairOrderEdit {
  if (field === 'customerName') return { customer: { name: values.customerName } };
  if (field === 'customerPhone') return { customer: { phone: values.customerPhone } };
  return { vehicle: { [field]: values[field] } };
}

export function useAutosaveForm(
  order: RepairOrder,
  save: (edit: RepairOrderEdit) => Promise<unknown>,
): UseFormReturn<OrderFormValues> {
  const form = useForm<OrderFormValues>({ defaultValues: formValuesOf(order) });
  const lastSeen = useRef(formValuesOf(order));

  useEffect(() => {
    const incoming = formValuesOf(order);
    const focused = (document.activeElement as HTMLElement | null)?.dataset.field;
    for (const field of Object.keys(incoming) as OrderField[]) {
      const changedElsewhere = incoming[field] !== lastSeen.current[field];
      if (changedElsewhere && field !== focused && incoming[field] !== form.getValues(field)) {
        form.setValue(field, incoming[field]);
      }
    }
    lastSeen.current = incoming;
  }, [order, form]);

  const { subscribe, getValues, setError, clearErrors } = form;
  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ name, type }) => {
          if (!name || type !== 'change') return;
          const field = name as OrderField;
          const values = getValues();
          const error = fieldError(field, values);
          if (error) {
            setError(field, { type: 'rule', message: error });
            return;
          }
          clearErrors(field);
          const edit = editFor(field, values);
          lastSeen.current = { ...lastSeen.current, [field]: values[field] };
          void save(edit);
        },
      }),
    [subscribe, getValues, setError, clearErrors, save],
  );

  return form;
}

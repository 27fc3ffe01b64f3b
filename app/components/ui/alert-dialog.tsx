import { Form } from "@remix-run/react";
import * as Primitive from "radix-ui/alert-dialog";
import { useHydrated } from "~/lib/use-hydrated";
import { forwardRef, useState, type ComponentPropsWithoutRef, type ElementRef } from "react";

/** Radix AlertDialog with the portal's styles; parts are re-exported under short names. */
export const AlertDialog = Primitive.Root;
export const AlertDialogTrigger = Primitive.Trigger;
export const AlertDialogCancel = Primitive.Cancel;
export const AlertDialogAction = Primitive.Action;

export const AlertDialogContent = forwardRef<
  ElementRef<typeof Primitive.Content>,
  ComponentPropsWithoutRef<typeof Primitive.Content>
>(function AlertDialogContent({ className, children, ...props }, ref) {
  return (
    <Primitive.Portal>
      <Primitive.Overlay className="alert-dialog__overlay" />
      <Primitive.Content ref={ref} className={["alert-dialog", className].filter(Boolean).join(" ")} {...props}>
        {children}
      </Primitive.Content>
    </Primitive.Portal>
  );
});

export const AlertDialogTitle = forwardRef<
  ElementRef<typeof Primitive.Title>,
  ComponentPropsWithoutRef<typeof Primitive.Title>
>(function AlertDialogTitle({ className, ...props }, ref) {
  return (
    <Primitive.Title ref={ref} className={["alert-dialog__title", className].filter(Boolean).join(" ")} {...props} />
  );
});

export const AlertDialogDescription = Primitive.Description;

/**
 * A POST form with one dangerous submit button. The server renders a plain form that works without
 * JavaScript; once hydrated, the button opens an alert dialog and the real submit button sits inside it.
 */
export function ConfirmSubmit({
  intent,
  label,
  title,
  description,
  confirmLabel,
  cancelLabel,
  hidden,
  disabled,
}: {
  intent: string;
  label: string;
  title: string;
  description: string;
  confirmLabel: string;
  cancelLabel: string;
  hidden?: Record<string, string>;
  disabled?: boolean;
}) {
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const hiddenInputs = Object.entries(hidden ?? {}).map(([name, value]) => (
    <input key={name} type="hidden" name={name} value={value} />
  ));

  if (!hydrated) {
    return (
      <Form method="post" className="inline-form">
        {hiddenInputs}
        <button type="submit" name="intent" value={intent} className="button button--danger" disabled={disabled}>
          {label}
        </button>
      </Form>
    );
  }

  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      <AlertDialogTrigger asChild>
        <button type="button" className="button button--danger" disabled={disabled}>
          {label}
        </button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>{title}</AlertDialogTitle>
        <AlertDialogDescription>{description}</AlertDialogDescription>
        {/* Remix reads the form data in onSubmit before React re-renders, so closing here is safe. */}
        <Form method="post" className="alert-dialog__actions" onSubmit={() => setOpen(false)}>
          {hiddenInputs}
          <AlertDialogCancel asChild>
            <button type="button" className="button button--secondary">
              {cancelLabel}
            </button>
          </AlertDialogCancel>
          <button type="submit" name="intent" value={intent} className="button button--danger">
            {confirmLabel}
          </button>
        </Form>
      </AlertDialogContent>
    </AlertDialog>
  );
}

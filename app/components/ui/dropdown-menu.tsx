// The subpath, not the package root: the root's namespaces would bring every primitive into the browser bundle.
import * as Primitive from "radix-ui/dropdown-menu";
import { forwardRef, type ComponentPropsWithoutRef, type ElementRef } from "react";

/**
 * Radix DropdownMenu with the portal's styles (app/styles/menu.css); parts are re-exported under short names.
 * Radix gives the menu button its ARIA (aria-haspopup, aria-expanded), arrow keys, Home/End, type-ahead, Escape
 * and focus back on the trigger. A dropdown needs JavaScript: render a plain fallback before hydration
 * (`useHydrated`), as the header's user menu does.
 */
export const DropdownMenu = Primitive.Root;
export const DropdownMenuTrigger = Primitive.Trigger;

const cx = (...names: (string | undefined)[]) => names.filter(Boolean).join(" ");

export const DropdownMenuContent = forwardRef<
  ElementRef<typeof Primitive.Content>,
  ComponentPropsWithoutRef<typeof Primitive.Content>
>(function DropdownMenuContent({ className, align = "end", sideOffset = 6, ...props }, ref) {
  return (
    <Primitive.Portal>
      <Primitive.Content ref={ref} align={align} sideOffset={sideOffset} className={cx("menu", className)} {...props} />
    </Primitive.Portal>
  );
});

export const DropdownMenuItem = forwardRef<
  ElementRef<typeof Primitive.Item>,
  ComponentPropsWithoutRef<typeof Primitive.Item>
>(function DropdownMenuItem({ className, ...props }, ref) {
  return <Primitive.Item ref={ref} className={cx("menu__item", className)} {...props} />;
});

export const DropdownMenuSeparator = forwardRef<
  ElementRef<typeof Primitive.Separator>,
  ComponentPropsWithoutRef<typeof Primitive.Separator>
>(function DropdownMenuSeparator({ className, ...props }, ref) {
  return <Primitive.Separator ref={ref} className={cx("menu__separator", className)} {...props} />;
});

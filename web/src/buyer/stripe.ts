// Stripe card payments, loaded only when the server has Stripe configured (paymentOptions.stripePublishableKey)
// and the buyer pays with it. Stripe.js must come from https://js.stripe.com (Stripe's terms; it cannot be bundled);
// the server then adds js.stripe.com / hooks.stripe.com / api.stripe.com to the page's CSP.
// The flow is the standard Payment Element + confirmPayment with the PaymentIntent's client secret from checkout; the
// order turns PAID when Stripe's webhook reaches the server, which the order page follows. Tested in Chromium with a
// stand-in for Stripe.js and the fake Stripe API (tests/Tickr.Graph.Tests/Web/StripeBuyerWebTests.cs).

/** The small part of Stripe.js this app uses. */
interface StripeElement {
  mount(target: HTMLElement): void;
  destroy(): void;
}
interface StripeElements {
  create(type: 'payment'): StripeElement;
  submit(): Promise<{ error?: { message?: string } }>;
}
interface StripeClient {
  elements(options: { clientSecret: string; locale?: string }): StripeElements;
  confirmPayment(options: {
    elements: StripeElements;
    clientSecret?: string;
    confirmParams: { return_url: string };
    redirect?: 'if_required';
  }): Promise<{ error?: { message?: string }; paymentIntent?: { status: string } }>;
}
type StripeFactory = (publishableKey: string) => StripeClient;

declare global {
  interface Window {
    Stripe?: StripeFactory;
  }
}

const STRIPE_JS = 'https://js.stripe.com/v3/';
let loading: Promise<StripeFactory> | null = null;

function loadStripeJs(): Promise<StripeFactory> {
  loading ??= new Promise<StripeFactory>((resolve, reject) => {
    if (window.Stripe) {
      resolve(window.Stripe);
      return;
    }
    const script = document.createElement('script');
    script.src = STRIPE_JS;
    script.async = true;
    script.onload = () => (window.Stripe ? resolve(window.Stripe) : reject(new Error('Stripe.js did not load')));
    script.onerror = () => {
      loading = null;
      reject(new Error('Stripe.js could not be loaded'));
    };
    document.head.append(script);
  });
  return loading;
}

export interface StripeForm {
  /** Confirms the card payment; resolves when Stripe accepted it (or redirected for 3-D Secure). */
  confirm(): Promise<void>;
  destroy(): void;
}

/** Mounts Stripe's Payment Element for the PaymentIntent into target. */
export async function mountStripePayment(
  publishableKey: string,
  clientSecret: string,
  target: HTMLElement,
  returnUrl: string,
  locale: string,
): Promise<StripeForm> {
  const factory = await loadStripeJs();
  const stripe = factory(publishableKey);
  const elements = stripe.elements({ clientSecret, locale });
  const element = elements.create('payment');
  element.mount(target);
  return {
    async confirm() {
      const submitted = await elements.submit();
      if (submitted.error) throw new Error(submitted.error.message ?? 'payment form incomplete');
      const result = await stripe.confirmPayment({ elements, clientSecret, confirmParams: { return_url: returnUrl }, redirect: 'if_required' });
      if (result.error) throw new Error(result.error.message ?? 'payment refused');
    },
    destroy: () => element.destroy(),
  };
}

using System.Diagnostics.CodeAnalysis;
using Tickr.Domain.Payments;

namespace Tickr.Graph.Payments;

/// <summary>The providers registered by <see cref="PaymentServiceCollectionExtensions.AddTickrPayments"/>, by kind.</summary>
public sealed class PaymentProviders : IPaymentProviders
{
    private readonly Dictionary<PaymentProviderKind, IPaymentProvider> _providers;

    public PaymentProviders(IEnumerable<IPaymentProvider> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        _providers = new Dictionary<PaymentProviderKind, IPaymentProvider>();
        foreach (var provider in providers)
        {
            if (!_providers.TryAdd(provider.Kind, provider))
            {
                throw new InvalidOperationException($"Two payment providers of kind {provider.Kind} are registered.");
            }
        }
        Configured = [.. _providers.Keys.Order()];
    }

    public IReadOnlyList<PaymentProviderKind> Configured { get; }

    public bool IsConfigured(PaymentProviderKind kind) => _providers.ContainsKey(kind);

    public IPaymentProvider Get(PaymentProviderKind kind) =>
        _providers.TryGetValue(kind, out var provider)
            ? provider
            : throw new PaymentProviderException(kind, PaymentErrorCode.NotConfigured, $"The payment provider {kind} is not configured.");

    public bool TryGet(PaymentProviderKind kind, [NotNullWhen(true)] out IPaymentProvider? provider) =>
        _providers.TryGetValue(kind, out provider);
}

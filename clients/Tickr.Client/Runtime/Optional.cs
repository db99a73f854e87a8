using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Tickr.Client;

/// <summary>
/// An input field that may be left out. GraphQL tells "not given" (keep the current value, or the server's default)
/// from an explicit null (clear it): <c>default</c> is not given; any assigned value, null included, is sent.
/// </summary>
public readonly struct Optional<T> : IEquatable<Optional<T>>
{
    private readonly T _value;

    public Optional(T value)
    {
        _value = value;
        HasValue = true;
    }

    public bool HasValue { get; }

    /// <summary>The value; throws when none was given.</summary>
    public T Value => HasValue ? _value : throw new InvalidOperationException("The optional value was not given.");

    public T? GetValueOrDefault() => _value;

    public static implicit operator Optional<T>(T value) => new(value);

    public static Optional<T> Empty => default;

    public bool Equals(Optional<T> other) =>
        HasValue == other.HasValue && (!HasValue || EqualityComparer<T>.Default.Equals(_value, other._value));

    public override bool Equals(object? obj) => obj is Optional<T> other && Equals(other);

    public override int GetHashCode() => HasValue ? HashCode.Combine(true, _value) : 0;

    public static bool operator ==(Optional<T> left, Optional<T> right) => left.Equals(right);

    public static bool operator !=(Optional<T> left, Optional<T> right) => !left.Equals(right);

    public override string ToString() => HasValue ? _value?.ToString() ?? "null" : "(not given)";

    public Optional<T> ToOptional() => this;
}

/// <summary>
/// Writes an <see cref="Optional{T}"/> as its value (the property is left out when not given, by
/// <c>JsonIgnoreCondition.WhenWritingDefault</c>). The value's metadata comes from the options' resolver: with a
/// source-generated context no reflection is involved.
/// </summary>
public sealed class OptionalJsonConverter<T> : JsonConverter<Optional<T>>
{
    public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Optional<T>(JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)))!);
    }

    public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        var inner = value.GetValueOrDefault();
        if (inner is null)
        {
            writer.WriteNullValue();
            return;
        }
        JsonSerializer.Serialize(writer, inner, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
    }
}

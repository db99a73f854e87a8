using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;

namespace Tickr.GraphQL.Types.Building.Runtime;

/// <summary>
/// Converts coerced GraphQL values (arguments, input fields) into the CLR type a resolver parameter or input
/// property declares. The common case — the value already is a T — costs one type test; other conversions
/// (Int to short, list to array, string ID to Guid, ...) use a converter built once per target type.
/// </summary>
public static class ValueConverter<T>
{
    private static readonly Func<object, object?> Slow = ValueConverter.GetConverter(typeof(T));

    /// <summary>Null becomes default(T).</summary>
    public static T Convert(object? value)
    {
        if (value is T t)
        {
            return t;
        }
        if (value is null)
        {
            return default!;
        }
        return (T)Slow(value)!;
    }
}

/// <summary>Non-generic side of <see cref="ValueConverter{T}"/>: converters per target type and input object factories.</summary>
public static class ValueConverter
{
    private static readonly ConcurrentDictionary<Type, Func<object, object?>> Converters = new();

    /// <summary>
    /// Factories that turn a coerced input object map into its CLR object, used when a value arrives as a map
    /// (e.g. inside a list or when the executor left it as a dictionary).
    /// </summary>
    internal static readonly ConcurrentDictionary<Type, Func<IReadOnlyDictionary<string, object?>, object>> InputFactories = new();

    /// <summary>Converts a non-null value to <paramref name="target"/>.</summary>
    public static object? ConvertTo(object? value, Type target)
    {
        if (value is null || target.IsInstanceOfType(value))
        {
            return value;
        }
        return GetConverter(target)(value);
    }

    internal static Func<object, object?> GetConverter(Type target) => Converters.GetOrAdd(target, Create);

    private static Func<object, object?> Create(Type target)
    {
        var type = Nullable.GetUnderlyingType(target) ?? target;
        if (type == typeof(object))
        {
            return v => v;
        }
        if (type != typeof(string) && TypeShape.TryGetListElement(type, out var element))
        {
            var method = typeof(ValueConverter).GetMethod(nameof(ToListBoxed), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(element);
            var toList = method.CreateDelegate<Func<object, object>>();
            var listType = typeof(List<>).MakeGenericType(element);
            if (type.IsArray)
            {
                var toArray = typeof(ValueConverter).GetMethod(nameof(ToArrayBoxed), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(element).CreateDelegate<Func<object, object>>();
                return toArray;
            }
            if (type.IsAssignableFrom(listType))
            {
                return toList;
            }
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(HashSet<>))
            {
                return typeof(ValueConverter).GetMethod(nameof(ToHashSetBoxed), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(element).CreateDelegate<Func<object, object>>();
            }
            return v => throw new InvalidCastException($"Cannot convert a list to {type}; use an array, List<T> or a list interface.");
        }
        return v => ConvertScalar(v, type);
    }

    private static object? ConvertScalar(object value, Type type)
    {
        if (type.IsInstanceOfType(value))
        {
            return value;
        }
        if (value is IReadOnlyDictionary<string, object?> map && InputFactories.TryGetValue(type, out var factory))
        {
            return factory(map);
        }
        if (type.IsEnum)
        {
            if (value is string name)
            {
                return Enum.Parse(type, name.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
            }
            return Enum.ToObject(type, value);
        }
        if (type == typeof(Guid))
        {
            return value is string g ? Guid.Parse(g, CultureInfo.InvariantCulture) : Fail(value, type);
        }
        if (type == typeof(Uri))
        {
            return value is string u ? new Uri(u, UriKind.RelativeOrAbsolute) : Fail(value, type);
        }
        if (type == typeof(DateTime))
        {
            return value switch
            {
                DateTimeOffset dto => dto.UtcDateTime,
                DateOnly d => d.ToDateTime(TimeOnly.MinValue),
                string s => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                _ => Fail(value, type),
            };
        }
        if (type == typeof(DateTimeOffset))
        {
            return value switch
            {
                DateTime dt => new DateTimeOffset(dt),
                DateOnly d => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture),
                _ => Fail(value, type),
            };
        }
        if (type == typeof(DateOnly))
        {
            return value switch
            {
                DateTime dt => DateOnly.FromDateTime(dt),
                DateTimeOffset dto => DateOnly.FromDateTime(dto.DateTime),
                string s => DateOnly.Parse(s, CultureInfo.InvariantCulture),
                _ => Fail(value, type),
            };
        }
        if (value is IConvertible && (type.IsPrimitive || type == typeof(decimal) || type == typeof(string)))
        {
            return System.Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
        }
        return Fail(value, type);
    }

    private static object Fail(object value, Type type) =>
        throw new InvalidCastException($"Cannot convert a value of type {value.GetType()} to {type}.");

    private static object ToListBoxed<TElement>(object value) => ToList<TElement>(value);

    private static object ToArrayBoxed<TElement>(object value) => ToList<TElement>(value).ToArray();

    private static object ToHashSetBoxed<TElement>(object value) => new HashSet<TElement>(ToList<TElement>(value));

    private static List<TElement> ToList<TElement>(object value)
    {
        if (value is IEnumerable items and not string)
        {
            var list = value is ICollection c ? new List<TElement>(c.Count) : [];
            foreach (var item in items)
            {
                list.Add(ValueConverter<TElement>.Convert(item));
            }
            return list;
        }
        // Input coercion allows a single value where a list is expected.
        return [ValueConverter<TElement>.Convert(value)];
    }
}

using System.Globalization;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Building;
using Tickr.GraphQL.Utilities;

namespace Tickr.GraphQL.Tests.Building;

public class SdlPrintingTests
{
    [Fact]
    public void A_rich_code_first_schema_prints_the_expected_sdl()
    {
        var tag = new DirectiveType("tag") { Description = "Marks a member for tooling." };
        tag.Locations.Add(DirectiveLocation.FIELD_DEFINITION);
        tag.Arguments.Add(new InputValue("name", new NonNullType(BuiltInScalars.String)));

        var schema = new SchemaBuilder()
            .AddQueryType<ShopQuery>()
            .AddMutationType<ShopMutation>()
            .AddSubscriptionType<ShopSubscription>()
            .AddTypeExtension<ShopEventExtensions>()
            .AddType<ShopConcert>()
            .AddScalar(new MoneyScalar(), typeof(ShopMoney))
            .AddDirective(tag)
            .ModifyOptions(o => o.UseXmlDocumentation = false)
            .Build();

        var expected = """"
            """Marks a member for tooling."""
            directive @tag(name: String!) on FIELD_DEFINITION

            type Query {
              """The event with this id."""
              event(id: ID!): ShopEvent
              events(filter: ShopFilter, first: Int! = 10): ShopEventConnection!
              search(text: String!): [ShopResult!]!
            }

            """Something that happens at a venue."""
            interface ShopEvent {
              id: ID!
              title: String!
              price: Money!
              status: ShopStatus!
            }

            scalar Money

            enum ShopStatus {
              ON_SALE
              SOLD_OUT
              CANCELLED @deprecated(reason: "Use SOLD_OUT.")
            }

            type ShopEventConnection {
              nodes: [ShopEvent!]!
              totalCount: Int!
            }

            input ShopFilter {
              status: ShopStatus = ON_SALE
              titleContains: String
              maxPrice: Money
            }

            union ShopResult = ShopConcert | ShopVenue

            type ShopConcert implements ShopEvent {
              id: ID!
              title: String!
              price: Money!
              status: ShopStatus!
              headliner: String
              seatsLeft: Int! @deprecated(reason: "Ask the box office.")
            }

            type ShopVenue {
              name: String!
            }

            type Mutation {
              buy(input: ShopPurchase!): ShopTicket!
            }

            type ShopTicket {
              code: String!
              issuedAt: DateTime!
            }

            """
            A point in time as an RFC 3339 date-time string with a time-zone offset, such as `2007-12-03T10:15:30Z`. Results are given with millisecond precision.
            """
            scalar DateTime @specifiedBy(url: "https://scalars.graphql.org/andimarek/date-time")

            input ShopPurchase @oneOf {
              eventId: ID
              voucher: String
            }

            type Subscription {
              priceChanged(eventId: ID!): ShopEvent!
            }
            """";
        Assert.Equal(Normalize(expected), Normalize(SchemaPrinter.Print(schema)));
    }

    private static string Normalize(string sdl) => sdl.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}

public readonly record struct ShopMoney(decimal Amount);

/// <summary>A test scalar: money as a decimal amount.</summary>
public sealed class MoneyScalar() : ScalarType("Money")
{
    public override bool TryParseLiteral(ValueNode literal, out object? value)
    {
        value = literal switch
        {
            IntValueNode i => new ShopMoney(decimal.Parse(i.Value, CultureInfo.InvariantCulture)),
            FloatValueNode f => new ShopMoney(decimal.Parse(f.Value, CultureInfo.InvariantCulture)),
            _ => null,
        };
        return value is not null;
    }

    public override bool TryParseValue(object externalValue, out object? value)
    {
        value = externalValue is IConvertible c ? new ShopMoney(c.ToDecimal(CultureInfo.InvariantCulture)) : null;
        return value is not null;
    }

    public override bool TrySerialize(object runtimeValue, out object? resultValue)
    {
        resultValue = runtimeValue is ShopMoney m ? m.Amount : null;
        return resultValue is not null;
    }

    public override ValueNode ValueToLiteral(object runtimeValue) =>
        new FloatValueNode { Value = ((ShopMoney)runtimeValue).Amount.ToString(CultureInfo.InvariantCulture) };
}

[GraphQLDescription("Something that happens at a venue.")]
public interface IShopEvent
{
    [ID] string Id { get; }
    string Title { get; }
    ShopMoney Price { get; }
    ShopStatus Status { get; }
}

public enum ShopStatus
{
    OnSale,
    SoldOut,
    [GraphQLDeprecated("Use SOLD_OUT.")] Cancelled,
}

[UnionType]
public interface IShopResult;

public sealed class ShopConcert : IShopEvent, IShopResult
{
    public string Id => "1";
    public string Title => "Gala";
    public ShopMoney Price => new(10m);
    public ShopStatus Status => ShopStatus.OnSale;
    public string? Headliner => null;
}

public sealed class ShopVenue : IShopResult
{
    public string Name => "Hall";
}

public sealed class ShopFilter
{
    [System.ComponentModel.DefaultValue(ShopStatus.OnSale)]
    public ShopStatus? Status { get; set; } = ShopStatus.OnSale;
    public string? TitleContains { get; set; }
    public ShopMoney? MaxPrice { get; set; }
}

public sealed class ShopQuery
{
    [GraphQLDescription("The event with this id.")]
    public IShopEvent? GetEvent([ID] string id) => null;

    public Connection<IShopEvent> GetEvents(ShopFilter? filter, int first = 10) => new();

    public IReadOnlyList<IShopResult> Search(string text) => [];
}

[OneOf]
public sealed class ShopPurchase
{
    [ID] public string? EventId { get; set; }
    public string? Voucher { get; set; }
}

public sealed class ShopTicket
{
    public string Code { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
}

public sealed class ShopMutation
{
    public Task<ShopTicket> BuyAsync(ShopPurchase input) => Task.FromResult(new ShopTicket());
}

public sealed class ShopSubscription
{
    public IAsyncEnumerable<IShopEvent> PriceChanged([ID] string eventId) => throw new NotSupportedException();
}

[ExtendObjectType(typeof(ShopConcert))]
public sealed class ShopEventExtensions
{
    [GraphQLDeprecated("Ask the box office.")]
    public int SeatsLeft([Parent] ShopConcert concert) => 0;
}

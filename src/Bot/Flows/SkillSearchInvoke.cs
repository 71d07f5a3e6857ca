using System.Text.Json;
using System.Text.Json.Serialization;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Turns;
using MentorBot.Core.Skills;

namespace MentorBot.Bot.Flows;

/// <summary>
/// Teams' dynamic type-ahead (decision 0450): an <c>application/search</c> invoke from a skill picker
/// (<see cref="SkillPicker"/>) is answered from the person's tenant catalog in memory, at most 15 results, with
/// <c>{"statusCode":200,"type":"application/vnd.microsoft.search.searchResponse","value":{"results":[{title,value}]}}</c>.
/// It runs after the same middleware as every invoke (authentication, tenant allow-list, the turn's person); a value
/// that cannot be read or another dataset gets a 400 error body, never an exception.
/// </summary>
public sealed class SkillSearchInvoke(TenantSkillCatalogs catalogs)
{
    public const string InvokeName = "application/search";
    public const string ResponseType = "application/vnd.microsoft.search.searchResponse";

    public async Task<InvokeResponse> AnswerAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (TurnPerson.Of(turnContext) is not { } person)
        {
            return Error("Nobody to answer.");
        }

        if (turnContext.Activity.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return Error("The search could not be read.");
        }

        var dataset = Text(value, "dataset");
        if (dataset is not null && !string.Equals(dataset, SkillPicker.Dataset, StringComparison.Ordinal))
        {
            return Error("Unknown dataset.");
        }

        var query = Text(value, "queryText") ?? string.Empty;
        var skip = 0;
        var top = TenantSkillCatalog.MaxSearchResults;
        if (value.TryGetProperty("queryOptions", out var options) && options.ValueKind == JsonValueKind.Object)
        {
            skip = Number(options, "skip") ?? skip;
            top = Number(options, "top") ?? top;
        }

        var catalog = await catalogs.ForAsync(person.Tenant, cancellationToken);
        var results = catalog.Search(query.Length > 200 ? query[..200] : query, skip, top);
        var body = new SearchResponse(200, ResponseType, new SearchResults([.. results.Select(r => new SearchResult(r.Title, r.Value))]));
        return new InvokeResponse(200, JsonSerializer.SerializeToElement(body, SearchJsonContext.Default.SearchResponse));
    }

    private static InvokeResponse Error(string message) =>
        new(400, JsonSerializer.SerializeToElement(AdaptiveCardInvokeResponse.Error(400, "BadRequest", message), ProtocolJsonContext.Default.AdaptiveCardInvokeResponse));

    private static string? Text(JsonElement value, string name) =>
        value.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString() : null;

    private static int? Number(JsonElement value, string name) =>
        value.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.Number && property.TryGetInt32(out var number) ? number : null;
}

internal sealed record SearchResponse(int StatusCode, string Type, SearchResults Value);

internal sealed record SearchResults(IReadOnlyList<SearchResult> Results);

internal sealed record SearchResult(string Title, string Value);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SearchResponse))]
internal sealed partial class SearchJsonContext : JsonSerializerContext;

using System.Xml.Linq;
using MentorBot.Core.Privacy;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace MentorBot.Bot.Storage.DataProtection;

/// <summary>
/// The ASP.NET Data Protection key ring in the bot's own storage (decision 0255): the SQLite file by default, the
/// storage account when configured. Every instance on that storage reads the same keys, so a signed .ics link made on
/// one instance (or before a restart) verifies on every other. One row per key; keys are written once and never
/// edited (Data Protection adds new keys and lets old ones expire), so inserts are enough.
/// </summary>
[HoldsNoPersonalData("The ASP.NET Data Protection key ring that signs .ics links: keys only, nothing about people (decision 0255).")]
internal sealed class TableXmlRepository(ITableEngine engine) : IXmlRepository
{
    public const string TableName = "dataprotectionkeys";
    private const string Partition = "keys";
    private const string XmlProperty = "Xml";

    private readonly IEntityTable _table = engine.GetTable(TableName);

    // IXmlRepository is synchronous; the key ring is read rarely (start, then about once a day) and never on a
    // request's hot path, and ASP.NET Core has no synchronization context to deadlock on.
    public IReadOnlyCollection<XElement> GetAllElements() => GetAllElementsAsync(CancellationToken.None).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) =>
        StoreElementAsync(element, friendlyName, CancellationToken.None).GetAwaiter().GetResult();

    private async Task<IReadOnlyCollection<XElement>> GetAllElementsAsync(CancellationToken cancellationToken)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken);
        var elements = new List<XElement>();
        string? token = null;
        do
        {
            var page = await _table.QueryAsync(Partition, null, null, token, cancellationToken);
            elements.AddRange(page.Items.Select(row => XElement.Parse(row[XmlProperty].AsString())));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return elements;
    }

    private async Task StoreElementAsync(XElement element, string friendlyName, CancellationToken cancellationToken)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken);
        var row = new TableEntity(Partition, TableKeys.Escape(friendlyName))
        {
            [XmlProperty] = element.ToString(SaveOptions.DisableFormatting),
        };
        await _table.UpsertAsync(row, cancellationToken);
    }
}

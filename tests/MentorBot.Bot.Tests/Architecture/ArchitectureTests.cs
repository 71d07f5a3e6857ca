using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using System.Text.RegularExpressions;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Tests.Manifest;
using MentorBot.Core.Profiles;

namespace MentorBot.Bot.Tests.Architecture;

/// <summary>
/// The rules the folders promise (README "How it is built", decision 0310), checked on the compiled assemblies with
/// ArchUnitNET. A rule that the code does not meet yet is not skipped: its violations are listed here exactly, so a new
/// one fails the test and a fixed one fails it too until it is taken off the list.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly ArchUnitNET.Domain.Architecture Model =
        new ArchLoader().LoadAssemblies(typeof(MentorBotHost).Assembly, typeof(Profile).Assembly).Build();

    private static readonly string[] ForbiddenInCore =
    [
        "Microsoft.AspNetCore.", "System.Net.Http.", "Microsoft.Data.Sqlite.", "SQLitePCL.", "Azure.",
        "Microsoft.IdentityModel.", "Microsoft.Identity.", "Microsoft.Graph.", "Polly.", "OpenTelemetry.",
    ];

    /// <summary>
    /// Core's folders from the bottom up (decisions 0310, 0321): each may depend only on folders before it. The root
    /// namespace holds the ids every folder names; Outbox holds the message record every folder records.
    /// </summary>
    private static readonly string[] CoreLayers =
    [
        "(root)", "Tenants", "Persistence", "Skills", "Profiles", "Organisation", "Matching", "Outbox", "Mentorships", "CheckIns", "Requests",
        "Programs", "Nudges", "Sessions", "Privacy", "Composition",
    ];

        [Fact]
    public void Core_DependsOn_NothingOfOursOutsideCoreAndNoWebHttpOrStoragePackage()
    {
        var violations = Edges("MentorBot.Core")
            .Where(e => e.Target.StartsWith("MentorBot.", StringComparison.Ordinal) && !e.Target.StartsWith("MentorBot.Core.", StringComparison.Ordinal)
                || ForbiddenInCore.Any(p => e.Target.StartsWith(p, StringComparison.Ordinal)))
            .Select(e => $"{e.Origin} -> {e.Target}")
            .Distinct()
            .ToList();

        AssertExactly([], violations);
    }

    [Fact]
    public void Flows_DependOn_NoStorageAdapter()
    {
        var violations = TypeEdgesInto("MentorBot.Bot.Flows", "MentorBot.Bot.Storage");

        AssertExactly([], violations);
    }

    [Fact]
    public void ConnectorAndAuthentication_AreReferencedOnly_WhereMessagesAreSentOrCallersChecked()
    {
        // Sending (Proactive, Workers), checking who calls (Middleware: trusted serviceUrls), start-up checks and composition.
        string[] allowed = ["MentorBot.Bot.Protocol", "MentorBot.Bot.Proactive", "MentorBot.Bot.Workers", "MentorBot.Bot.Middleware", "MentorBot.Bot.Operations", "MentorBot.Bot.Hosting"];

        var violations = Edges("MentorBot.Bot")
            .Where(e => InNamespace(e.Target, "MentorBot.Bot.Protocol.Connector") || InNamespace(e.Target, "MentorBot.Bot.Protocol.Authentication"))
            .Where(e => !allowed.Any(a => InNamespace(e.Origin, a)))
            .Select(e => $"{e.Origin} -> {e.Target}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        AssertExactly(KnownProtocolReferences, violations);
    }

    /// <summary>Outside the allowed folders, these still call the Connector or read the caller's token (decision 0310).</summary>
    private static readonly string[] KnownProtocolReferences =
    [
        "MentorBot.Bot.Flows.PersonalChatRedirect -> MentorBot.Bot.Protocol.Connector.IConnectorClient",
        "MentorBot.Bot.Programs.DashboardIdentity -> MentorBot.Bot.Protocol.Authentication.BotAuthenticationOptions",
        "MentorBot.Bot.Programs.DashboardIdentity -> MentorBot.Bot.Protocol.Authentication.EndorsedOpenIdConfiguration",
        "MentorBot.Bot.Programs.DashboardIdentity -> MentorBot.Bot.Protocol.Authentication.OpenIdMetadataCache",
    ];

    [Fact]
    public void Protocol_DependsOn_NothingOfOursButCoreValues()
    {
        var violations = Edges("MentorBot.Bot.Protocol")
            .Where(e => e.Target.StartsWith("MentorBot.", StringComparison.Ordinal))
            .Where(e => !InNamespace(e.Target, "MentorBot.Bot.Protocol") && !InNamespace(e.Target, "MentorBot.Core"))
            .Select(e => $"{e.Origin} -> {e.Target}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        AssertExactly(KnownProtocolOutward, violations);
    }

    /// <summary>Where the SDK stand-in still reaches into MentorBot's own folders (decision 0310).</summary>
    private static readonly string[] KnownProtocolOutward =
    [
        "MentorBot.Bot.Protocol.ProtocolTelemetry -> MentorBot.Bot.Telemetry.MentorBotTelemetry",
        "MentorBot.Bot.Protocol.TurnScope -> MentorBot.Bot.Telemetry.MentorBotTelemetry",
    ];

    [Fact]
    public void CoreFolders_FormNoNamespaceCycle()
    {
        var cycles = CycleEdges("MentorBot.Core");

        AssertExactly([], cycles);
    }

    [Fact]
    public void CoreFolders_DependOnlyOnTheLayersBelowThem()
    {
        var upward = FolderGraph("MentorBot.Core")
            .SelectMany(kv => kv.Value.Select(target => (From: kv.Key, To: target)))
            .Where(e => Array.IndexOf(CoreLayers, e.From) is var from && Array.IndexOf(CoreLayers, e.To) is var to && (from < 0 || to < 0 || to > from))
            .Select(e => $"{e.From} -> {e.To}")
            .ToList();

        AssertExactly([], upward);
    }

    [Fact]
    public void BotFolders_FormNoNamespaceCycle()
    {
        var cycles = CycleEdges("MentorBot.Bot");

        AssertExactly([], cycles);
    }

    [Fact]
    public void ReadmeHowItIsBuilt_ListsEveryBotFolder_AndNoOther()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md"));
        var section = readme[readme.IndexOf("## How it is built", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var listed = Regex.Matches(section, @"`src/Bot/(\w+)/`").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var folders = Directory.GetDirectories(RepositoryRoot.Combine("src", "Bot"))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name is not ("bin" or "obj" or "data" or "Properties"))
            .ToHashSet(StringComparer.Ordinal);

        AssertExactly(folders, listed);
    }

    /// <summary>Fails with every line that is new and every known line that is gone, so the list can be kept exact.</summary>
    private static void AssertExactly(IEnumerable<string> known, IEnumerable<string> actual)
    {
        var expected = known.ToHashSet(StringComparer.Ordinal);
        var found = actual.ToHashSet(StringComparer.Ordinal);
        var added = found.Except(expected).Order(StringComparer.Ordinal).ToList();
        var gone = expected.Except(found).Order(StringComparer.Ordinal).ToList();

        Assert.True(
            added.Count == 0 && gone.Count == 0,
            $"New violations:\n{string.Join("\n", added.Select(a => $"        \"{a}\","))}\nNo longer violated (take off the list):\n{string.Join("\n", gone)}");
    }

    private static bool InNamespace(string name, string ns) =>
        name.StartsWith(ns + ".", StringComparison.Ordinal);

    private static List<string> TypeEdgesInto(string from, string to) =>
        [.. Edges(from).Where(e => InNamespace(e.Target, to)).Select(e => $"{e.Origin} -> {e.Target}").Distinct()];

    /// <summary>Type-level dependencies of every type whose namespace is <paramref name="root"/> or below it.</summary>
    private static IEnumerable<(string Origin, string Target)> Edges(string root) =>
        Model.Types
            .Where(t => t.Namespace?.FullName is { } ns && (ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal)))
            .SelectMany(t => t.Dependencies.Select(d => (t.FullName, d.Target?.FullName ?? "")));

    /// <summary>
    /// The dependencies between the folders right below <paramref name="root"/> (sub-namespaces count as their folder)
    /// that lie on a cycle: both ends in the same strongly connected component.
    /// </summary>
    private static List<string> CycleEdges(string root)
    {
        var graph = FolderGraph(root);
        var component = StronglyConnected(graph);
        return [.. graph
            .SelectMany(kv => kv.Value.Select(b => (A: kv.Key, B: b)))
            .Where(e => component.TryGetValue(e.A, out var ca) && component.TryGetValue(e.B, out var cb) && ca == cb)
            .Select(e => $"{e.A} -> {e.B}")
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Which folder right below <paramref name="root"/> depends on which (sub-namespaces count as their folder).</summary>
    private static Dictionary<string, HashSet<string>> FolderGraph(string root)
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (origin, target) in Edges(root))
        {
            if (Folder(root, origin) is { } a && Folder(root, target) is { } b && a != b)
            {
                if (!graph.TryGetValue(a, out var targets))
                {
                    graph[a] = targets = new HashSet<string>(StringComparer.Ordinal);
                }

                targets.Add(b);
            }
        }

        return graph;
    }

    private static string? Folder(string root, string typeName)
    {
        if (!typeName.StartsWith(root + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = typeName[(root.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        // A type right in the root namespace (no folder) belongs to the root itself.
        return dot < 0 ? "(root)" : rest[..dot];
    }

    /// <summary>Tarjan's algorithm; returns each node's component number, only for components of two or more nodes.</summary>
    private static Dictionary<string, int> StronglyConnected(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = 0;
        var components = 0;

        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph.GetValueOrDefault(v) ?? [])
            {
                if (!index.TryGetValue(w, out var reached))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], reached);
                }
            }

            if (low[v] == index[v])
            {
                var members = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    members.Add(w);
                }
                while (w != v);

                if (members.Count > 1)
                {
                    members.ForEach(m => result[m] = components);
                }

                components++;
            }
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal).ToList())
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return result;
    }
}

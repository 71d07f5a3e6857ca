using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace MentorBot.Bot.Protocol.Dialogs;

/// <summary>
/// Turns the stack into JSON and back. Reading is defensive: a stack written by an older build (another envelope
/// format, a dialog id that no longer exists, a state version or shape the dialog no longer reads) is reported as
/// broken rather than thrown, because the only sane answer to it is a fresh start.
/// </summary>
internal static class DialogStackSerializer
{
    public static string Write(IReadOnlyList<DialogInstance> stack, DialogSet dialogs)
    {
        var frames = stack.Select(instance =>
        {
            var dialog = dialogs.Get(instance.Id);
            return new PersistedDialogFrame(instance.Id, dialog.StateVersion, dialog.WriteState(instance.State));
        }).ToList();
        return JsonSerializer.Serialize(new PersistedDialogStack(PersistedDialogStack.CurrentFormat, frames), DialogsJsonContext.Default.PersistedDialogStack);
    }

    public static bool TryRead(string json, DialogSet dialogs, [NotNullWhen(true)] out List<DialogInstance>? stack, [NotNullWhen(false)] out string? problem)
    {
        stack = null;
        try
        {
            var persisted = JsonSerializer.Deserialize(json, DialogsJsonContext.Default.PersistedDialogStack);
            if (persisted?.Frames is null || persisted.Format != PersistedDialogStack.CurrentFormat)
            {
                problem = $"unknown stack format {persisted?.Format}";
                return false;
            }

            var instances = new List<DialogInstance>(persisted.Frames.Count);
            foreach (var frame in persisted.Frames)
            {
                if (ReadFrame(frame, dialogs, out var frameProblem) is not { } instance)
                {
                    problem = frameProblem ?? "unreadable frame";
                    return false;
                }

                instances.Add(instance);
            }

            (stack, problem) = (instances, null);
            return true;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            problem = $"unreadable state ({e.GetType().Name})";
            return false;
        }
    }

    private static DialogInstance? ReadFrame(PersistedDialogFrame frame, DialogSet dialogs, out string? problem)
    {
        var dialog = frame.Id is null ? null : dialogs.Find(frame.Id);
        (var instance, problem) = dialog switch
        {
            null => (null, $"unknown dialog '{frame.Id}'"),
            _ when dialog.StateVersion != frame.Version => (null, $"dialog '{frame.Id}' state version {frame.Version}, expected {dialog.StateVersion}"),
            _ => (new DialogInstance(dialog.Id, dialog.ReadState(frame.State)), (string?)null),
        };
        return instance;
    }
}

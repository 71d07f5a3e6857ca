namespace MentorBot.Bot.Protocol.Dialogs;

/// <summary>Every dialog and prompt the bot knows, by id; ids are persisted, so renaming one discards stacks using it.</summary>
public sealed class DialogSet
{
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);

    public DialogSet(IEnumerable<Dialog> dialogs)
    {
        foreach (var dialog in dialogs)
        {
            Add(dialog);
        }
    }

    public DialogSet Add(Dialog dialog)
    {
        if (!_dialogs.TryAdd(dialog.Id, dialog))
        {
            throw new InvalidOperationException($"Two dialogs share the id '{dialog.Id}'.");
        }

        return this;
    }

    public Dialog? Find(string dialogId) => _dialogs.GetValueOrDefault(dialogId);

    internal Dialog Get(string dialogId) =>
        Find(dialogId) ?? throw new InvalidOperationException($"No dialog with id '{dialogId}' is registered.");
}

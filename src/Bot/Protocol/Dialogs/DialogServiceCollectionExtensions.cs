using MentorBot.Bot.Protocol.Dialogs.Persistence;
using MentorBot.Bot.Protocol.Integration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MentorBot.Bot.Protocol.Dialogs;

public static class DialogServiceCollectionExtensions
{
    /// <summary>
    /// The dialog runner over every registered <see cref="Dialog"/>, the turn-error cleanup, the default help, and an
    /// in-memory state store unless a real one is registered first.
    /// </summary>
    public static IServiceCollection AddMentorBotDialogs(this IServiceCollection services)
    {
        services.TryAddSingleton<IDialogStateStore, InMemoryDialogStateStore>();
        services.TryAddSingleton<IDialogHelp, DefaultDialogHelp>();
        services.TryAddSingleton(sp => new DialogSet(sp.GetServices<Dialog>()));
        services.TryAddSingleton<DialogRunner>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITurnErrorCleanup, DialogStateCleanup>());
        return services;
    }

    public static IServiceCollection AddDialog<TDialog>(this IServiceCollection services)
        where TDialog : Dialog => services.AddSingleton<Dialog, TDialog>();

    public static IServiceCollection AddDialog(this IServiceCollection services, Dialog dialog) =>
        services.AddSingleton(dialog);
}

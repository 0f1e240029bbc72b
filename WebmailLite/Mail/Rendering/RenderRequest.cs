namespace WebmailLite.Mail.Rendering;

/// <summary>What the message page asks of <see cref="MessageRenderer"/>.</summary>
/// <param name="Folder">Folder full name of the message (kept for logging and for the page's own links).</param>
/// <param name="Uid">UID of the message in <paramref name="Folder"/>.</param>
/// <param name="AllowRemoteContent">The person asked to load remote images for this message.</param>
/// <param name="PartUrl">The app URL serving body part <c>partIndex</c>; used for <c>cid:</c> images.</param>
/// <param name="BodyPage">Which page of a long body to show, from 1 (« Afficher la suite »).</param>
/// <param name="HtmlAsText">The person reads HTML mail as text only (« Préférences »): the text the sanitizer's
/// fallbacks already give, with no layout, no images and nothing remote.</param>
public sealed record RenderRequest(string Folder, uint Uid, bool AllowRemoteContent, Func<int, string> PartUrl, int BodyPage = 1, bool HtmlAsText = false);

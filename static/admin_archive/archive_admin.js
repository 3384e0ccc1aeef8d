// The admin adds a time-zone note beside every date field; a date-only field has no
// time, so the note ("Enter times in the UTC timezone") only misleads. Remove it once
// the admin's own load handlers have run (DateTimeShortcuts names it after the input).
window.addEventListener("load", () => {
  window.setTimeout(() => {
    for (const input of document.querySelectorAll("input.vDateField")) {
      if (input.closest("p.datetime")) {
        continue; // a date and a time together: the note is right there
      }
      const note = document.getElementById(`${input.id}_timezone_warning_helptext`);
      if (note) {
        note.remove();
      }
    }
  }, 0);
});

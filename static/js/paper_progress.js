// Polls the paper's status while it is being produced, then reloads to show the download link or the error.
(function () {
  var box = document.getElementById("paper-progress");
  if (!box || box.dataset.done === "true") { return; }
  function poll() {
    fetch(box.dataset.statusUrl, {credentials: "same-origin"}).then(function (response) {
      return response.json();
    }).then(function (status) {
      if (status.done) { window.location.reload(); return; }
      document.getElementById("progress-bar").value = status.progress;
      document.getElementById("progress-message").textContent = status.message;
      setTimeout(poll, 1000);
    }, function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();

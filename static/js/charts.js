// Draws every Plotly figure on the page from its JSON; marks it drawn for tests and PDF printing.
(function () {
  function draw() {
    var holders = document.querySelectorAll("[data-figure]");
    var pending = [];
    holders.forEach(function (holder) {
      var spec = JSON.parse(document.getElementById(holder.dataset.figure).textContent);
      var config = {displaylogo: false, responsive: true, staticPlot: holder.dataset.static === "true"};
      pending.push(Plotly.newPlot(holder, spec.data, spec.layout, config).then(function () {
        holder.dataset.drawn = "true";
      }, function (error) {
        holder.dataset.drawn = "error";
        holder.insertAdjacentHTML("beforeend", '<p class="error-summary">This chart could not be drawn: ' +
          String(error).replace(/</g, "&lt;") + "</p>");
      }));
    });
    Promise.all(pending).then(function () { document.body.dataset.chartsDrawn = "true"; });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();

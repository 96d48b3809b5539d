// Draws every Plotly figure on the page from its JSON. Each chart is marked data-drawn="true" (or "error",
// with a readable message), and body[data-charts-drawn] is set once all have settled: tests and the
// Cabinet paper's printer wait for it instead of sleeping.
(function () {
  function failed(holder, error) {
    holder.dataset.drawn = "error";
    var message = document.createElement("p");
    message.className = "error-summary";
    message.textContent = "This chart could not be drawn: " + String(error && error.message || error);
    holder.appendChild(message);
  }
  function drawOne(holder) {
    try {
      var spec = JSON.parse(document.getElementById(holder.dataset.figure).textContent);
      // No mode bar: its buttons would sit inside role="img", and its "share" button would send data off-site.
      var config = {displaylogo: false, displayModeBar: false, showSendToCloud: false, responsive: true,
                    staticPlot: holder.dataset.static === "true"};
      return Plotly.newPlot(holder, spec.data, spec.layout, config).then(function () {
        holder.dataset.drawn = "true";
      }, function (error) { failed(holder, error); });
    } catch (error) {
      failed(holder, error);
      return Promise.resolve();
    }
  }
  function draw() {
    var pending = Array.prototype.map.call(document.querySelectorAll("[data-figure]"), drawOne);
    Promise.all(pending).then(function () { document.body.dataset.chartsDrawn = "true"; });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();

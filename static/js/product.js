/* A product with options: the price shown follows the chosen variant. Progressive enhancement
   only: without this script each choice carries its own price where prices differ, and the
   form posts the chosen variant all the same. */
(function () {
  "use strict";

  var picker = document.querySelector("[data-variant-picker]");
  var price = document.querySelector("[data-variant-price]");
  if (!picker || !price) return;

  picker.addEventListener("change", function (event) {
    var chosen = event.target;
    if (chosen.name !== "variant" || !chosen.checked) return;
    price.textContent = chosen.getAttribute("data-price");
  });
})();

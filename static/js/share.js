// Progressive enhancement for the share bar (templates/includes/_share.html) and the In buttons: the links work
// without this script; it adds the phone's share sheet, copying the link and printing, and
// writes the print date into the printout's footer line.
(function () {
  'use strict';

  function say(bar, text) {
    const status = bar.querySelector('.share__status');
    if (status) status.textContent = text;
  }

  document.querySelectorAll('.share').forEach(function (bar) {
    const share = bar.querySelector('[data-share-url]');
    if (share && navigator.share) {
      share.hidden = false;
      share.addEventListener('click', function () {
        navigator.share({title: share.dataset.shareTitle, url: share.dataset.shareUrl})
          .catch(function () { /* the reader closed the sheet */ });
      });
    }
    const copy = bar.querySelector('[data-copy-url]');
    if (copy && navigator.clipboard) {
      copy.hidden = false;
      copy.addEventListener('click', function () {
        navigator.clipboard.writeText(copy.dataset.copyUrl).then(
          function () { say(bar, 'Đã chép liên kết.'); },
          function () { say(bar, 'Không chép được; hãy chép địa chỉ trên thanh trình duyệt.'); }
        );
      });
    }
  });

  if (window.print) {
    document.querySelectorAll('[data-print]').forEach(function (button) {
      button.hidden = false;
      button.addEventListener('click', function () { window.print(); });
    });
  }

  function stamp() {
    const now = new Date();
    const two = function (n) { return String(n).padStart(2, '0'); };
    const text = ' · In ngày: ' + two(now.getDate()) + '/' + two(now.getMonth() + 1) + '/' + now.getFullYear();
    document.querySelectorAll('[data-print-date]').forEach(function (span) { span.textContent = text; });
  }
  window.addEventListener('beforeprint', stamp);
  if (window.matchMedia) {
    const media = window.matchMedia('print');
    if (media.addEventListener) media.addEventListener('change', function (e) { if (e.matches) stamp(); });
  }
})();
